# Lock serves waiters in FIFO order; Event wakes every waiter; Semaphore lets n in at a time;
# Queue hands items over in order, blocks a putter while full, and join waits for task_done;
# LifoQueue and PriorityQueue change only the order.
import asyncio


async def locker(lock, name):
    async with lock:
        print(f"{name} holds the lock")
        await asyncio.sleep(0)
        print(f"{name} releases")


async def event_waiter(event, name):
    await event.wait()
    print(f"{name} saw the event")


async def limited(sem, name):
    async with sem:
        print(f"{name} in")
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        print(f"{name} out")


async def producer(q):
    for i in range(4):
        await q.put(i)
        print(f"put {i} qsize {q.qsize()}")


async def consumer(q):
    while True:
        item = await q.get()
        print(f"got {item}")
        q.task_done()


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(asyncio.create_task(locker(lock, n)) for n in ["l1", "l2", "l3"]))
    event = asyncio.Event()
    waiters = [asyncio.create_task(event_waiter(event, n)) for n in ["e1", "e2"]]
    await asyncio.sleep(0)
    print("setting the event")
    event.set()
    await asyncio.gather(*waiters)
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(asyncio.create_task(limited(sem, n)) for n in ["s1", "s2", "s3"]))
    q = asyncio.Queue(maxsize=2)
    c = asyncio.create_task(consumer(q))
    await asyncio.create_task(producer(q))
    await q.join()
    print("joined, unfinished none, empty", q.empty())
    c.cancel()
    lq = asyncio.LifoQueue()
    pq = asyncio.PriorityQueue()
    for x in [3, 1, 2]:
        lq.put_nowait(x)
        pq.put_nowait(x)
    print("lifo", [lq.get_nowait() for _ in range(3)], "priority", [pq.get_nowait() for _ in range(3)])


asyncio.run(main())
