// EventEmitter: listeners in registration order (prepend puts one first); once runs once and is
// removed before it runs; a listener removed during an emit still runs in that emit (the list is
// copied), one added during it does not; 'newListener' fires before the listener is added,
// 'removeListener' after it is removed; emit returns whether anyone listened; 'error' with no
// listener throws the error itself, or ERR_UNHANDLED_ERROR for a non-Error; the 11th listener of
// one event warns once (MaxListenersExceededWarning), and setMaxListeners(0) means no limit.
// Twin of EventEmitterTest.
const { EventEmitter } = require('events');

const e = new EventEmitter();
const log = [];
e.on('newListener', (name) => {
  if (name !== 'removeListener') log.push(`newListener ${name} (count ${e.listenerCount(name)})`);
});
e.on('removeListener', (name) => log.push(`removeListener ${name}`));
const a = (x) => log.push(`a ${x}`);
const c = (x) => log.push(`c ${x}`);
const late = (x) => log.push(`late ${x}`);
const b = (x) => { log.push(`b ${x}`); e.off('x', c); e.on('x', late); };
e.on('x', a);
e.on('x', b);
e.on('x', c);
e.prependListener('x', (x) => log.push(`first ${x}`));
e.once('x', (x) => log.push(`once ${x} (count now ${e.listenerCount('x')})`));
log.push(`emit 1 -> ${e.emit('x', 1)}`);
log.push(`emit 2 -> ${e.emit('x', 2)}`);
log.push(`emit nobody -> ${e.emit('nobody')}`);
log.push(`names ${e.eventNames().join(',')}`);
try {
  e.emit('error', new Error('boom'));
} catch (err) {
  log.push(`error thrown: ${err.message}`);
}
try {
  e.emit('error', 'not an Error');
} catch (err) {
  log.push(`error thrown: ${err.code}: ${err.message}`);
}
e.on('error', (err) => log.push(`error handled: ${err.message}`));
log.push(`emit error -> ${e.emit('error', new Error('caught'))}`);
const f = new EventEmitter();
const o = () => log.push('once ran');
f.on('y', () => f.off('y', o));
f.once('y', o);
f.emit('y');
f.emit('y');
log.push(`f's y listeners ${f.listenerCount('y')}`);
e.removeAllListeners('x');
log.push(`after removeAll ${e.listenerCount('x')}`);
const warnings = [];
process.on('warning', (w) => warnings.push(`${w.name}: ${w.message}`));
const m = new EventEmitter();
for (let i = 0; i < 12; i++) m.on('many', () => {});
const u = new EventEmitter();
u.setMaxListeners(0);
for (let i = 0; i < 20; i++) u.on('many', () => {});
setImmediate(() => {
  for (const l of log) console.log(l);
  for (const w of warnings) console.log(w);
});
