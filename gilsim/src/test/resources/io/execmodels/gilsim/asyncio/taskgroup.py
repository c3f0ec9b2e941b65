# TaskGroup: the first failure cancels the siblings and the body, the group waits for all and
# raises every failure together; after exit the group refuses new tasks.
import asyncio


async def slow(name):
    try:
        await asyncio.sleep(10)
        print(f"{name} finished")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def bad(name, exc):
    await asyncio.sleep(0)
    print(f"{name} raises")
    raise exc


async def ok(name):
    await asyncio.sleep(0)
    return name


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow("slow"))
            tg.create_task(bad("b1", ValueError("one")))
            tg.create_task(bad("b2", RuntimeError("two")))
            print("body waits")
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("body cancelled")
                raise
    except ExceptionGroup as eg:
        print("group", eg)
        for e in eg.exceptions:
            print(" ", type(e).__name__, e)
    late = ok("late")
    try:
        tg.create_task(late)
    except RuntimeError as e:
        print("after exit", type(e).__name__, str(e).endswith("is finished"))
    late.close()
    async with asyncio.TaskGroup() as tg2:
        x = tg2.create_task(ok("x"))
        y = tg2.create_task(ok("y"))
    print("results", x.result(), y.result())


asyncio.run(main())
