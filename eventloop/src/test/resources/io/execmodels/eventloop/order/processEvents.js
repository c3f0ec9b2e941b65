// process 'beforeExit' and 'exit': beforeExit each time the loop runs out of work (its listener
// may schedule more, and the loop goes on), ticks and microtasks it queues run before the work it
// schedules; exit once at the end with process.exitCode, its listeners in order; a timer armed in
// an exit listener never fires, a microtask queued there still runs. Twin of ProcessEventsTest.
const log = (s) => console.log(s);
let rounds = 0;
process.on('beforeExit', (code) => {
  log(`beforeExit ${code} round ${rounds}`);
  if (rounds++ < 2) {
    setTimeout(() => log(`timer from beforeExit ${rounds}`), 1);
    Promise.resolve().then(() => log('microtask from beforeExit'));
    process.nextTick(() => log('tick from beforeExit'));
  } else {
    process.exitCode = 3;
  }
});
process.on('exit', (code) => {
  log(`exit ${code} exitCode ${process.exitCode}`);
  setTimeout(() => log('timer from exit: never'), 0);
  Promise.resolve().then(() => log('microtask from exit'));
});
process.on('exit', () => {
  log('second exit listener');
  process.exitCode = 0; // so that the script itself ends well
});
setImmediate(() => log('immediate'));
log('main');
