"""The shootout's services on CPython's asyncio (see ../README.md for the contract)."""
import asyncio
import gc
import math
import sys
import time
import tracemalloc


def is_prime(n):
    if n % 2 == 0:
        return n == 2
    d = 3
    while d <= n // d:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes(lo, hi):
    return sum(1 for n in range(max(lo, 2), hi) if is_prime(n))


async def fan_out(_latencies):
    async def call(i):
        await asyncio.sleep(0.050)
        return i
    return sum(await asyncio.gather(*(call(i) for i in range(1, 101))))


async def cpu_batch(_latencies):
    # One loop: the eight slices run one after another, as asyncio runs CPU work inline.
    jobs, limit = 8, 1_000_000

    async def slice_(j):
        return count_primes(limit * j // jobs, limit * (j + 1) // jobs)
    return sum(await asyncio.gather(*(slice_(j) for j in range(jobs))))


async def mixed(latencies):
    requests, interval, io, spike_every, spike_below = 200, 0.001, 0.010, 20, 250_000
    start = time.perf_counter()

    async def request(i, arrival):
        await asyncio.sleep(io)
        if i % spike_every == spike_every - 1:
            count_primes(0, spike_below)
        latencies.append(int((time.perf_counter() - arrival) * 1e9))
        return i

    in_flight = []
    for i in range(requests):
        arrival = start + i * interval
        while (wait := arrival - time.perf_counter()) > 0:  # as drive's: never early
            await asyncio.sleep(wait)
        in_flight.append(asyncio.create_task(request(i, arrival)))
    return sum(await asyncio.gather(*in_flight))


async def pipeline(_latencies):
    count, buffer = 10_000, 64
    numbers, squares = asyncio.Queue(buffer), asyncio.Queue(buffer)
    done = object()

    async def producer():
        for i in range(1, count + 1):
            await numbers.put(i)
        await numbers.put(done)

    async def squarer():
        while (n := await numbers.get()) is not done:
            await squares.put(n * n)
        await squares.put(done)

    tasks = [asyncio.create_task(producer()), asyncio.create_task(squarer())]
    total = 0
    while (s := await squares.get()) is not done:
        total += s
    await asyncio.gather(*tasks)
    return total


async def fan_out_request(_n):
    """One request of the levels' fan-out: 3 upstream calls of 10 ms at once; replies 1+2+3."""
    async def call(i):
        await asyncio.sleep(0.010)
        return i
    return sum(await asyncio.gather(call(1), call(2), call(3)))


async def mixed_request(n):
    """One request of the mixed handler: 10 ms of I/O, every 20th then a CPU spike; replies n."""
    await asyncio.sleep(0.010)
    if n % 20 == 19:
        count_primes(0, 250_000)
    return n


async def drive(requests, interval_ns, handle):
    """Offers requests open loop, interval_ns apart (request i arrives at start + i * interval
    whatever the earlier ones do), each in a task of its own; a request's latency runs from its
    scheduled arrival to its end. Returns the replies' sum, the span from the first arrival to
    the last end and every latency, in nanoseconds."""
    start = time.perf_counter_ns()
    latencies = []

    async def request(i, arrival):
        reply = await handle(i)
        latencies.append(time.perf_counter_ns() - arrival)
        return reply

    in_flight = []
    for i in range(requests):
        arrival = start + i * interval_ns
        # asyncio's timers run on the loop's own clock, not this one: wait again if one ends
        # early, so that no request arrives before its time.
        while (wait := arrival - time.perf_counter_ns()) > 0:
            await asyncio.sleep(wait / 1e9)
        in_flight.append(asyncio.create_task(request(i, arrival)))
    total = sum(await asyncio.gather(*in_flight))
    return total, time.perf_counter_ns() - start, latencies


async def levels(window_ms, rates):
    """Offers each workload at each rate for window_ms, after one unreported pass of each at the
    lowest rate (the warm-up), and prints a LEVEL line per workload and rate."""
    workloads = [("fan-out", fan_out_request), ("mixed", mixed_request)]

    def plan(rate):
        # As the shootout's LevelResult: at least one request, the window's worth rounded half
        # up (not Python's round, which rounds half to even); the interval in whole nanoseconds.
        return max(1, math.floor(rate * window_ms / 1000 + 0.5)), 10**9 // rate
    for _, handle in workloads:
        await drive(*plan(rates[0]), handle)
    for rate in rates:
        for name, handle in workloads:
            requests, interval = plan(rate)
            total, span, latencies = await drive(requests, interval, handle)
            print(f"LEVEL {name} {rate} {requests} {total} {span} "
                  f"{','.join(map(str, latencies))}", flush=True)


def traced():
    """The memory Python has allocated and not freed, after a full collection (tracemalloc)."""
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


async def memory(n):
    """Parks n tasks awaiting one future nobody resolves until they are measured (the gate, as
    the shootout's probe parks its tasks on one channel), then resolves it and prints
    MEMORY <n> <before> <parked> <ended> <task> <measure>."""
    gate = asyncio.get_running_loop().create_future()
    ended = 0

    async def parked():
        nonlocal ended
        await gate
        ended += 1

    tracemalloc.start()
    before = traced()
    tasks = [asyncio.create_task(parked()) for _ in range(n)]
    await asyncio.sleep(0)  # one turn of the loop: every task runs to its await of the gate
    with_tasks = traced()
    gate.set_result(None)
    await asyncio.gather(*tasks)
    tracemalloc.stop()
    print(f"MEMORY {n} {before} {with_tasks} {ended} asyncio.Task tracemalloc", flush=True)


USAGE = ("usage: shootout.py <fan-out|cpu-batch|mixed|pipeline> <warmup> <rounds>"
         " | levels <window_ms> <rate,...> | memory <tasks>")


def whole(s):
    return s.isdigit() and int(s) >= 1


SERVICES = {"fan-out": fan_out, "cpu-batch": cpu_batch, "mixed": mixed, "pipeline": pipeline}


def main():
    args = sys.argv[1:]
    if args[:1] == ["levels"]:
        if len(args) != 3 or not whole(args[1]) or not all(map(whole, args[2].split(","))):
            print(USAGE, file=sys.stderr)
            sys.exit(2)
        asyncio.run(levels(int(args[1]), [int(r) for r in args[2].split(",")]))
        return
    if args[:1] == ["memory"]:
        if len(args) != 2 or not whole(args[1]):
            print(USAGE, file=sys.stderr)
            sys.exit(2)
        asyncio.run(memory(int(args[1])))
        return
    if len(sys.argv) != 4 or sys.argv[1] not in SERVICES:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    run, warmup, rounds = SERVICES[sys.argv[1]], int(sys.argv[2]), int(sys.argv[3])
    for r in range(warmup + rounds):
        latencies = []
        cpu0 = time.process_time_ns()
        t0 = time.perf_counter_ns()
        result = asyncio.run(run(latencies))
        wall = time.perf_counter_ns() - t0
        cpu = time.process_time_ns() - cpu0
        if r >= warmup:
            print(f"RUN {result} {wall} {cpu} {','.join(map(str, latencies))}", flush=True)


if __name__ == "__main__":
    main()
