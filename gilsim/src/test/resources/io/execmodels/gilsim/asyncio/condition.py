# Twin of ConditionTest#aConditionWakesWaitersInOrderAndNeedsItsLock.
import asyncio


async def main():
    cond = asyncio.Condition()
    woken = []

    async def waiter(i):
        async with cond:
            await cond.wait()
            woken.append(i)

    tasks = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)  # each has run to its wait
    for n in (1, 2):
        async with cond:
            cond.notify(n)
        while len(woken) < (1 if n == 1 else 3):
            await asyncio.sleep(0)
        print("woken", woken)
    await asyncio.gather(*tasks)
    try:
        await cond.wait()
    except RuntimeError as e:
        print("wait without the lock ->", type(e).__name__ + ":", e)
    try:
        cond.notify()
    except RuntimeError as e:
        print("notify without the lock ->", type(e).__name__ + ":", e)
    ready = []

    async def setter():
        async with cond:
            ready.append(True)
            cond.notify_all()

    async with cond:
        asyncio.create_task(setter())
        print("wait_for ->", await cond.wait_for(lambda: ready))


asyncio.run(main())
