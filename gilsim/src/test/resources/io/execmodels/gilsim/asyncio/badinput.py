# Misuse gives the exception CPython gives: type and message.
import asyncio


def attempt(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "->", type(e).__name__, e)


async def main():
    attempt("Lock.release unlocked", lambda: asyncio.Lock().release())
    bs = asyncio.BoundedSemaphore(1)
    attempt("BoundedSemaphore over-release", bs.release)
    attempt("Semaphore(-1)", lambda: asyncio.Semaphore(-1))
    q = asyncio.Queue(1)
    q.put_nowait("a")
    attempt("put_nowait full", lambda: q.put_nowait("b"))
    attempt("get_nowait", q.get_nowait)
    attempt("get_nowait empty", q.get_nowait)
    q.task_done()
    attempt("task_done again", q.task_done)
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("wait([]) ->", type(e).__name__, e)
    try:
        await asyncio.to_thread(asyncio.get_running_loop)
    except RuntimeError as e:
        print("get_running_loop off the loop ->", type(e).__name__, e)
    loop = asyncio.get_running_loop()
    loop.call_later(-1, print, "call_later(-1) runs")
    await asyncio.sleep(-1)
    print("sleep(-1) returns")
    await asyncio.sleep(0)


asyncio.run(main())
