// process.nextTick runs before promise jobs; a tick queued by a promise job waits for the whole
// microtask queue. Mirrored by OrderingTest#nextTickRunsBeforePromiseMicrotasks.
Promise.resolve().then(() => console.log('promise 1'));
process.nextTick(() => console.log('tick 1'));
queueMicrotask(() => console.log('microtask 1'));
process.nextTick(() => {
  console.log('tick 2');
  Promise.resolve().then(() => {
    console.log('promise from tick 2');
    process.nextTick(() => console.log('tick from promise'));
  });
});
Promise.resolve().then(() => console.log('promise 2'));
console.log('main');
