# call_soon is FIFO, a task's first step runs later (never inside create_task), sleep(0) yields
# exactly one iteration, and the ready queue runs before timers that fall due in the same iteration.
import asyncio


async def step(name):
    print(f"{name} step 1")
    await asyncio.sleep(0)
    print(f"{name} step 2")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "soon 1")
    a = asyncio.create_task(step("a"))
    loop.call_soon(print, "soon 2")
    b = asyncio.create_task(step("b"))
    print("main created")
    await asyncio.sleep(0)
    print("main after sleep(0)")
    loop.call_later(0, print, "later 0")
    loop.call_later(-1, print, "later -1")
    loop.call_soon(print, "soon 3")
    await a
    print("a awaited")
    await b
    print("b awaited")


asyncio.run(main())
