// Timers fire by deadline; timers with the same deadline fire in creation order.
// Mirrored by OrderingTest#timersFireByDeadlineThenCreationOrder.
setTimeout(() => console.log('A 200'), 200);
setTimeout(() => console.log('B 100'), 100);
setTimeout(() => console.log('C 200'), 200);
setTimeout(() => console.log('D 100'), 100);
setTimeout(() => console.log('E 0 is 1'), 0);
