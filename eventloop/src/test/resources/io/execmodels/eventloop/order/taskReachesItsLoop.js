// An async function queues a tick, an immediate and a microtask on its own loop, then sleeps.
// Mirrored by LoopBehaviourTest#aTaskReachesTheLoopItRunsOnAsAnAsyncFunctionDoes.
async function main() {
  process.nextTick(() => console.log('tick'));
  setImmediate(() => console.log('immediate'));
  queueMicrotask(() => console.log('microtask'));
  console.log('task');
  await new Promise((resolve) => setTimeout(resolve, 5));
  console.log('after sleep');
}
main();
