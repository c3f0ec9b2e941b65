# Cancellation arrives at the next await only; a task cancelled before its first step never runs;
# cancel() says whether it did anything; shield keeps the inner task running.
import asyncio


async def self_cancelling():
    print("worker starts")
    print("cancel self ->", asyncio.current_task().cancel())
    total = 0
    for i in range(1000):
        total += i
    print("worker ran on without an await", total)
    try:
        await asyncio.sleep(0)
        print("not reached")
    except asyncio.CancelledError:
        print("worker got CancelledError at its next await")
        raise


async def never():
    print("never runs")


async def inner():
    await asyncio.sleep(0.02)
    print("inner finished")
    return "inner result"


async def outer(t):
    return await asyncio.shield(t)


async def main():
    w = asyncio.create_task(self_cancelling())
    try:
        await w
    except asyncio.CancelledError:
        print("worker cancelled", w.cancelled())
    print("cancel done task ->", w.cancel())
    n = asyncio.create_task(never())
    print("cancel before first step ->", n.cancel())
    try:
        await n
    except asyncio.CancelledError:
        print("never cancelled", n.cancelled())
    t = asyncio.create_task(inner())
    o = asyncio.create_task(outer(t))
    await asyncio.sleep(0)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        print("outer CancelledError")
    print("inner cancelled", t.cancelled())
    print("inner", await t)


asyncio.run(main())
