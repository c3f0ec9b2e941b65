# ProcessPoolExecutor: remote exceptions, chunks, max_tasks_per_child, BrokenProcessPool.
# Compared line by line with ProcessPoolExecutorTest.
import concurrent.futures as cf
import os
import sys
import time


def fail():
    raise ValueError("boom")


def tenth(x):
    return 10 // x


def pid_of(_):
    return os.getpid()


def die():
    os._exit(3)


def hang(marker):
    open(marker, "w").close()
    time.sleep(60)


def square(x):
    return x * x


if __name__ == "__main__":
    with cf.ProcessPoolExecutor(1) as ex:
        e = ex.submit(fail).exception()
        print("remote", type(e).__name__, e, "cause", type(e.__cause__).__name__)
        print("map chunks", list(ex.map(square, range(7), chunksize=3)))
        it = ex.map(tenth, [1, 2, 0, 5], chunksize=2)
        print("map item", next(it))
        print("map item", next(it))
        try:
            next(it)
        except ZeroDivisionError as err:
            print("map raises", type(err).__name__)
        try:
            ex.map(square, [1], chunksize=0)
        except ValueError as err:
            print("chunksize", type(err).__name__, err)

    with cf.ProcessPoolExecutor(1, max_tasks_per_child=1) as ex:
        pids = list(ex.map(pid_of, range(10), chunksize=5))
        print("chunk pids", len(set(pids)), pids[0] == pids[4], pids[5] == pids[9])

    with cf.ProcessPoolExecutor(1, max_tasks_per_child=2) as ex:
        pids = [ex.submit(pid_of, i).result() for i in range(6)]
        print("max_tasks_per_child=2 pids over 6 tasks", len(set(pids)))

    ex = cf.ProcessPoolExecutor(1)
    dying, queued = ex.submit(die), ex.submit(square, 2)
    for f in (dying, queued):
        err = f.exception()
        print("exit", type(err).__name__, err)
    try:
        ex.submit(square, 2)
    except cf.process.BrokenProcessPool as err:
        print("submit", type(err).__name__, err)
    ex.shutdown()

    marker = sys.argv[1] if len(sys.argv) > 1 else "/tmp/procpool-py-marker-%d" % os.getpid()
    ex = cf.ProcessPoolExecutor(1)
    running, queued = ex.submit(hang, marker), ex.submit(square, 2)
    while not os.path.exists(marker):
        time.sleep(0.005)
    os.remove(marker)
    for p in list(ex._processes.values()):
        os.kill(p.pid, 9)
    for f in (running, queued):
        err = f.exception()
        print("kill -9", type(err).__name__, err)
    ex.shutdown()

    for bad in (0, -1):
        try:
            cf.ProcessPoolExecutor(bad)
        except ValueError as err:
            print("max_workers", bad, type(err).__name__, err)
    try:
        cf.ProcessPoolExecutor(1, max_tasks_per_child=0)
    except ValueError as err:
        print("max_tasks_per_child", type(err).__name__, err)
