// A rejection handled after it was reported unhandled: Node's rejectionHandled, after the drain.
// Mirrored by OrderingTest#aRejectionHandledLateIsReportedAfterTheMicrotaskDrain.
process.on('unhandledRejection', (r, p) => console.log('unhandled', r.message));
process.on('rejectionHandled', (p) => console.log('handled later'));
const p = Promise.reject(new Error('x'));
setTimeout(() => {
  p.catch(() => console.log('caught'));
  console.log('catch attached');
  process.nextTick(() => console.log('tick after attach'));
  setImmediate(() => console.log('immediate after attach'));
}, 10);
const q = Promise.reject(new Error('y'));
q.catch(() => console.log('caught at once'));
