// Overdue timers fire list by list (one list per duration, taken in the order of its first
// deadline; a list runs all its due timers before the next list), not strictly by deadline.
// Mirrored by OrderingTest#overdueTimersFireListByListAsNodeTakesThem.
function spin(ms) { const end = Date.now() + ms; while (Date.now() < end) {} }
setImmediate(() => {
  setTimeout(() => console.log('A 10 ms, due at 10'), 10);
  setTimeout(() => console.log('C 20 ms, due at 20'), 20);
  setImmediate(() => {
    spin(15);
    setTimeout(() => console.log('B 10 ms, due at 25'), 10);
    spin(100);
  });
});
