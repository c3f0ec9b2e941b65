// Unref'd timers fire while something else keeps the loop alive, and do not keep it alive.
// Mirrored by OrderingTest#unrefdTimersFireButDoNotKeepTheLoopAlive.
setTimeout(() => console.log('unref 5'), 5).unref();
setTimeout(() => console.log('unref 10000'), 10000).unref();
setTimeout(() => console.log('ref 30'), 30);
process.on('exit', () => console.log('exit'));
