// An async function queues a tick, an immediate and a microtask on its own loop, then sleeps.
// Mirrored by LoopBehaviourTest#aTaskReachesTheLoopItRunsOnAsAnAsyncFunctionDoes.
async function main() {
  process.nextTick(() => console.log('tick'));
  setImmediate(() => console.log('immediate'));
  queueMicrotask(() => console.log('microtask'));
  console.log('task');
  // Long enough to outlast the loop's first turn: a timer already due when the loop first reaches
  // its timers phase (a slow, loaded machine) runs before the check phase's immediate, in Node and
  // in the Java twin alike, and the order would be the machine's, not the loop's.
  await new Promise((resolve) => setTimeout(resolve, 200));
  console.log('after sleep');
}
main();
