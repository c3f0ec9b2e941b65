// Inside an I/O callback (and inside a timer callback) setImmediate always runs before
// setTimeout(0). Mirrored by OrderingTest#insideAnIoCallbackAnImmediateRunsBeforeATimeoutOfZero.
const fs = require('fs');
fs.readFile(__filename, () => {
  console.log('io');
  setTimeout(() => {
    console.log('timeout');
    setTimeout(() => console.log('timeout from timer'), 0);
    setImmediate(() => console.log('immediate from timer'));
  }, 0);
  setImmediate(() => console.log('immediate'));
});
