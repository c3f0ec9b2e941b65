// The shootout's services on one Node.js event loop (see ../README.md for the contract).
'use strict';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function isPrime(n) {
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d <= Math.floor(n / d); d += 2) {
    if (n % d === 0) return false;
  }
  return true;
}

function countPrimes(from, to) {
  let count = 0;
  for (let n = Math.max(from, 2); n < to; n++) {
    if (isPrime(n)) count++;
  }
  return count;
}

async function fanOut() {
  const replies = [];
  for (let i = 1; i <= 100; i++) replies.push(sleep(50).then(() => i));
  return (await Promise.all(replies)).reduce((a, b) => a + b, 0);
}

async function cpuBatch() {
  // One loop: the eight slices run one after another, as on Node without worker threads.
  const jobs = 8, limit = 1_000_000;
  const slices = [];
  for (let j = 0; j < jobs; j++) {
    const from = Math.floor(limit * j / jobs), to = Math.floor(limit * (j + 1) / jobs);
    slices.push(Promise.resolve().then(() => countPrimes(from, to)));
  }
  return (await Promise.all(slices)).reduce((a, b) => a + b, 0);
}

async function mixed(latencies) {
  const requests = 200, interval = 1, io = 10, spikeEvery = 20, spikeBelow = 250_000;
  const start = performance.now();
  const inFlight = [];
  for (let i = 0; i < requests; i++) {
    const arrival = start + i * interval;
    // Node's timers count whole milliseconds, so one can end up to 1 ms early: wait again
    // until the arrival, or the request would arrive early and its latency read short.
    for (let wait; (wait = arrival - performance.now()) > 0;) await sleep(wait);
    inFlight.push((async () => {
      await sleep(io);
      if (i % spikeEvery === spikeEvery - 1) countPrimes(0, spikeBelow);
      latencies.push(Math.round((performance.now() - arrival) * 1e6));
      return i;
    })());
  }
  return (await Promise.all(inFlight)).reduce((a, b) => a + b, 0);
}

/** A bounded channel of async functions: send waits for room, receive for a value. */
class Channel {
  constructor(capacity) { this.capacity = capacity; this.items = []; this.closed = false;
    this.receivers = []; this.senders = []; }
  async send(v) {
    while (this.items.length >= this.capacity) await new Promise((r) => this.senders.push(r));
    this.items.push(v);
    const r = this.receivers.shift(); if (r) r();
  }
  close() { this.closed = true; for (const r of this.receivers.splice(0)) r(); }
  async receive() {
    while (this.items.length === 0) {
      if (this.closed) return undefined;
      await new Promise((r) => this.receivers.push(r));
    }
    const v = this.items.shift();
    const s = this.senders.shift(); if (s) s();
    return v;
  }
}

async function pipeline() {
  const count = 10_000, buffer = 64;
  const numbers = new Channel(buffer), squares = new Channel(buffer);
  const producer = (async () => {
    for (let i = 1; i <= count; i++) await numbers.send(i);
    numbers.close();
  })();
  const squarer = (async () => {
    for (let n; (n = await numbers.receive()) !== undefined;) await squares.send(n * n);
    squares.close();
  })();
  let sum = 0n;
  for (let s; (s = await squares.receive()) !== undefined;) sum += BigInt(s);
  await Promise.all([producer, squarer]);
  return sum;
}

/** One request of the levels' fan-out: 3 upstream calls of 10 ms at once; replies 1 + 2 + 3. */
async function fanOutRequest() {
  const replies = [1, 2, 3].map((i) => sleep(10).then(() => i));
  return (await Promise.all(replies)).reduce((a, b) => a + b, 0);
}

/** One request of the mixed handler: 10 ms of I/O, every 20th then a CPU spike; replies n. */
async function mixedRequest(n) {
  await sleep(10);
  if (n % 20 === 19) countPrimes(0, 250_000);
  return n;
}

/**
 * Offers `requests` requests open loop, `intervalNs` apart (request i arrives at start + i *
 * interval whatever the earlier ones do); a request's latency runs from its scheduled arrival to
 * its end. Returns the replies' sum, the span from the first arrival to the last end (ns) and
 * every latency (ns).
 */
async function drive(requests, intervalNs, handle) {
  const start = performance.now();
  const latencies = [];
  const inFlight = [];
  for (let i = 0; i < requests; i++) {
    const arrival = start + i * intervalNs / 1e6;
    // Node's timers count whole milliseconds, so one can end up to 1 ms early: wait again
    // until the arrival, or the request would arrive early and its latency read short.
    for (let wait; (wait = arrival - performance.now()) > 0;) await sleep(wait);
    inFlight.push((async () => {
      const reply = await handle(i);
      latencies.push(Math.round((performance.now() - arrival) * 1e6));
      return reply;
    })());
  }
  const sum = (await Promise.all(inFlight)).reduce((a, b) => a + b, 0);
  return { sum, span: Math.round((performance.now() - start) * 1e6), latencies };
}

/**
 * Offers each workload at each rate for windowMs, after one unreported pass of each at the
 * lowest rate (the warm-up), and prints a LEVEL line per workload and rate.
 */
async function levels(windowMs, rates) {
  const workloads = [['fan-out', fanOutRequest], ['mixed', mixedRequest]];
  // As the shootout's LevelResult: at least one request, the window's worth rounded; the
  // interval in whole nanoseconds.
  const requests = (rate) => Math.max(1, Math.floor(rate * windowMs / 1000 + 0.5));
  const interval = (rate) => Math.floor(1e9 / rate);
  for (const [, handle] of workloads) await drive(requests(rates[0]), interval(rates[0]), handle);
  for (const rate of rates) {
    for (const [name, handle] of workloads) {
      const n = requests(rate);
      const { sum, span, latencies } = await drive(n, interval(rate), handle);
      console.log(`LEVEL ${name} ${rate} ${n} ${sum} ${span} ${latencies.join(',')}`);
    }
  }
}

/** The V8 heap in use after a full collection (needs node --expose-gc). */
function heapUsed() {
  global.gc();
  return process.memoryUsage().heapUsed;
}

/**
 * Parks n async functions, each awaiting one promise nobody resolves until they are measured
 * (the gate, as the shootout's probe parks its tasks on one channel), then resolves it and
 * prints MEMORY <n> <before> <parked> <ended> <task> <measure>.
 */
async function memory(n) {
  if (typeof global.gc !== 'function') {
    console.error('memory needs node --expose-gc');
    process.exit(2);
  }
  let open;
  const gate = new Promise((resolve) => { open = resolve; });
  let ended = 0;
  const before = heapUsed();
  const parked = [];
  // An async function runs to its first await at once: after the loop, every one is parked.
  for (let i = 0; i < n; i++) parked.push((async () => { await gate; ended++; })());
  const withTasks = heapUsed();
  open();
  await Promise.all(parked);
  console.log(`MEMORY ${n} ${before} ${withTasks} ${ended} promise V8 heapUsed`);
}

function usage() {
  console.error('usage: shootout.js <service> <warmup> <rounds> | levels <window_ms> <rate,...>'
    + ' | memory <tasks>');
  process.exit(2);
}

async function main() {
  const args = process.argv.slice(2);
  const whole = (s) => /^[0-9]+$/.test(s) && Number(s) >= 1;
  if (args[0] === 'levels') {
    const rates = (args[2] || '').split(',');
    if (args.length !== 3 || !whole(args[1]) || !rates.every(whole)) usage();
    return levels(Number(args[1]), rates.map(Number));
  }
  if (args[0] === 'memory') {
    if (args.length !== 2 || !whole(args[1])) usage();
    return memory(Number(args[1]));
  }
  const [service, warmup, rounds] = args;
  const run = { 'fan-out': fanOut, 'cpu-batch': cpuBatch, mixed, pipeline }[service];
  if (!run) { console.error('unknown service ' + service); process.exit(2); }
  for (let r = 0; r < Number(warmup) + Number(rounds); r++) {
    const latencies = [];
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const result = await run(latencies);
    const wall = process.hrtime.bigint() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (r >= Number(warmup)) {
      console.log(`RUN ${result} ${wall} ${(cpu.user + cpu.system) * 1000} ${latencies.join(',')}`);
    }
  }
}

main();
