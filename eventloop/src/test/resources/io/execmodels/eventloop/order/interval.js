// An interval repeats until cleared, from its own callback too; microtasks run after each call.
// Mirrored by OrderingTest#anIntervalRepeatsUntilItClearsItself.
let n = 0;
const iv = setInterval(() => {
  n++;
  console.log('interval ' + n);
  Promise.resolve().then(() => console.log('promise ' + n));
  if (n === 3) {
    clearInterval(iv);
    setTimeout(() => console.log('after clear'), 5);
  }
}, 1);
