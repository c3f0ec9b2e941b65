# gather: results in argument order (a task named twice gives its result twice); the first failure goes to the awaiter and the siblings run
# on; return_exceptions puts failures in the list; cancelling the awaiter cancels every child.
import asyncio


async def work(name, iterations, fail=False):
    for _ in range(iterations):
        await asyncio.sleep(0)
    print(f"{name} done")
    if fail:
        raise ValueError(name)
    return name


async def blocked(name):
    await asyncio.sleep(10)
    print(f"{name} done")
    return name


async def waiter(started, tasks):
    started.set()
    return await asyncio.gather(*tasks)


def kind(x):
    return type(x).__name__ if isinstance(x, BaseException) else x


async def main():
    ts = [asyncio.create_task(work("a", 3)), asyncio.create_task(work("b", 1)),
          asyncio.create_task(work("c", 2))]
    print("results", await asyncio.gather(*ts))
    twice = asyncio.create_task(work("t", 1))
    print("same task twice", await asyncio.gather(twice, twice))
    ta = asyncio.create_task(work("d", 4))
    tb = asyncio.create_task(work("e", 1, fail=True))
    try:
        await asyncio.gather(ta, tb)
    except ValueError as e:
        print("gather raised", type(e).__name__, e)
    print("sibling cancelled", ta.cancelled())
    print("sibling result", await ta)
    rs = await asyncio.gather(asyncio.create_task(work("x", 0, fail=True)),
                              asyncio.create_task(work("y", 1)), return_exceptions=True)
    print("return_exceptions", [kind(x) for x in rs])
    c1 = asyncio.create_task(blocked("c1"))
    c2 = asyncio.create_task(blocked("c2"))
    started = asyncio.Event()
    outer = asyncio.create_task(waiter(started, [c1, c2]))
    await started.wait()
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError as e:
        print("outer", type(e).__name__)
    rs = await asyncio.gather(c1, c2, return_exceptions=True)
    print("children", [kind(x) for x in rs])


asyncio.run(main())
