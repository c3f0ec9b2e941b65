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
    const wait = arrival - performance.now();
    if (wait > 0) await sleep(wait);
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

async function main() {
  const [service, warmup, rounds] = process.argv.slice(2);
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
