// process.exit(code) inside a callback: the 'exit' listeners run with the code, and nothing else
// does: not the rest of the callback, not the microtasks queued before or in the listener, not
// another timer of the same phase, not an immediate, not 'beforeExit'. Twin of ProcessEventsTest.
process.on('beforeExit', () => console.log('beforeExit never'));
process.on('exit', (code) => {
  console.log(`exit ${code}`);
  Promise.resolve().then(() => console.log('microtask in the exit listener never'));
  process.exitCode = 0; // so that the script itself ends well
});
setTimeout(() => {
  Promise.resolve().then(() => console.log('microtask queued before exit() never'));
  setImmediate(() => console.log('immediate never'));
  console.log('calling exit');
  process.exit(5);
  console.log('after exit never');
}, 1);
setTimeout(() => console.log('same-phase timer never'), 1);
