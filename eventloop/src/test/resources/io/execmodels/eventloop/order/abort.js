// AbortController, AbortSignal and timers/promises. Mirrored by AbortTest#abortingFollowsNodesOrder.
const { setTimeout: sleep, setImmediate: immediate } = require('timers/promises');
const ac = new AbortController();
ac.signal.addEventListener('abort', () => console.log('listener', ac.signal.reason.name, ac.signal.reason.message));
sleep(1000, 'v', { signal: ac.signal }).then((v) => console.log('resolved', v),
  (e) => console.log('rejected', e.name, e.code, e.message, e.cause && e.cause.name));
ac.abort();
console.log('aborted', ac.signal.aborted);
ac.abort();
try { ac.signal.throwIfAborted(); } catch (e) { console.log('throwIfAborted', e.name); }
const custom = new AbortController();
custom.abort(new Error('mine'));
console.log('custom reason', custom.signal.reason.message);
sleep(1, 'x', { signal: custom.signal }).catch((e) => console.log('already aborted', e.name, e.cause.message));
// Unref'd, and far past the last ref'd timer: the process ends without it (10 ms here was a race
// with the 5 ms sleep below on a loaded machine, on both sides).
const t = AbortSignal.timeout(1000);
t.addEventListener('abort', () => console.log('timeout', t.reason.name, t.reason.message));
sleep(5, 'ok').then((v) => console.log('slept', v));
immediate('imm').then((v) => console.log('immediate', v));
