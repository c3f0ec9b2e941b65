# How many loop iterations gather and wait take to resume their awaiter, seen by a ticker task
# that prints once per iteration: a finished child's done callback and the outer future's each
# take a call_soon, so the awaiter resumes two iterations after the child ends (or after the
# call, when the children are done already).
import asyncio


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def child(name):
    await asyncio.sleep(0)
    print(name, "ends")
    return name


async def failing(name):
    await asyncio.sleep(0)
    print(name, "fails")
    raise ValueError(name)


async def main():
    t = asyncio.create_task(ticker(30))
    await asyncio.sleep(0)
    a = asyncio.create_task(child("a"))
    print("gather", await asyncio.gather(a))
    print("gather done", await asyncio.gather(a))
    b = asyncio.create_task(child("b"))
    done, pending = await asyncio.wait([b])
    print("wait", len(done), len(pending))
    done, pending = await asyncio.wait([b])
    print("wait done", len(done), len(pending))
    c = asyncio.create_task(failing("c"))
    try:
        await asyncio.gather(c)
    except ValueError as e:
        print("gather raised", type(e).__name__, e)
    d = asyncio.create_task(child("d"))
    print("wait_for", await asyncio.wait_for(d, 5))
    t.cancel()


asyncio.run(main())
