"""The shootout's services on CPython's asyncio (see ../README.md for the contract)."""
import asyncio
import sys
import time


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
        wait = arrival - time.perf_counter()
        if wait > 0:
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


SERVICES = {"fan-out": fan_out, "cpu-batch": cpu_batch, "mixed": mixed, "pipeline": pipeline}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in SERVICES:
        print("usage: shootout.py <fan-out|cpu-batch|mixed|pipeline> <warmup> <rounds>",
              file=sys.stderr)
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
