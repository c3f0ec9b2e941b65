# wait_for cancels the inner task on timeout, waits for it, then raises TimeoutError; wait
# returns (done, pending) and never raises nor cancels; timeout() turns its cancellation into a
# TimeoutError.
import asyncio


async def sleeper(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise
    if fail:
        raise ValueError(name)
    return name


def names(tasks, order):
    return [n for n in order if any(t.get_name() == n for t in tasks)]


async def main():
    t = asyncio.create_task(sleeper("slow", 10), name="slow")
    try:
        await asyncio.wait_for(t, 0.05)
    except TimeoutError as e:
        print("wait_for", type(e).__name__, "inner cancelled", t.cancelled())
    print("wait_for result", await asyncio.wait_for(asyncio.create_task(sleeper("quick", 0.01)), 5))
    order = ["a", "b", "c"]
    a = asyncio.create_task(sleeper("a", 0.01), name="a")
    b = asyncio.create_task(sleeper("b", 10), name="b")
    c = asyncio.create_task(sleeper("c", 0.03, fail=True), name="c")
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED", names(done, order), names(pending, order))
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION", names(done, order), names(pending, order))
    done, pending = await asyncio.wait([a, b, c], timeout=0.05)
    print("ALL_COMPLETED timeout", names(done, order), names(pending, order), "b cancelled",
          b.cancelled())
    b.cancel()
    await asyncio.gather(b, c, return_exceptions=True)
    try:
        async with asyncio.timeout(0.02):
            await asyncio.sleep(10)
    except TimeoutError as e:
        print("timeout", type(e).__name__, "cause", type(e.__cause__).__name__)


asyncio.run(main())
