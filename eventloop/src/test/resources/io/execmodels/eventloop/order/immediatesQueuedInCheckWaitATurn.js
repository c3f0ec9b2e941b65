// Immediates queued during the check phase run in the next turn, after those already queued.
// Mirrored by OrderingTest#anImmediateQueuedByAnImmediateWaitsForTheNextTurn.
setImmediate(() => {
  console.log('immediate 1');
  setImmediate(() => console.log('immediate 3'));
  process.nextTick(() => console.log('tick in immediate 1'));
});
setImmediate(() => console.log('immediate 2'));
