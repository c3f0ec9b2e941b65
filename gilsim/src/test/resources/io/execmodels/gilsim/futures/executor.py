# Executor: map (eager, ordered, errors at their item, timeout), shutdown, with.
# Compared line by line with ExecutorTest.
import concurrent.futures as cf
import threading

ran = threading.Semaphore(0)


def count(x):
    ran.release()
    return x * 2


ev = [threading.Event() for _ in range(3)]
completed = []


def chained(x):
    # 2 finishes first, then 1, then 0: completion order is the reverse of input order.
    if x < 2:
        ev[x].wait()
    completed.append(x)
    if x > 0:
        ev[x - 1].set()
    return x * 10


with cf.ThreadPoolExecutor(1) as ex:
    it = ex.map(count, [1, 2, 3])
    print("all ran before iteration", all(ran.acquire(timeout=10) for _ in range(3)))
    print("map", list(it))

with cf.ThreadPoolExecutor(3) as ex:
    print("map order", list(ex.map(chained, [0, 1, 2])), "completed", completed)

with cf.ThreadPoolExecutor(2) as ex:
    it = ex.map(lambda x: 10 // x, [5, 0, 2])
    print("map item", next(it))
    try:
        next(it)
    except ZeroDivisionError as e:
        print("map raises", type(e).__name__)

gate = threading.Event()
with cf.ThreadPoolExecutor(1) as ex:
    it = ex.map(lambda x: gate.wait(), [1, 2], timeout=0.05)
    try:
        next(it)
    except TimeoutError as e:
        print("map timeout", type(e).__name__)
    gate.set()

gate = threading.Event()
started = threading.Event()


def blocked():
    started.set()
    gate.wait()
    return "ran"


ex = cf.ThreadPoolExecutor(1)
first = ex.submit(blocked)
started.wait()
queued = ex.submit(blocked)
ex.shutdown(wait=False, cancel_futures=True)
print("cancel_futures: queued cancelled", queued.cancelled(), "first running", first.running())
try:
    ex.submit(blocked)
except RuntimeError as e:
    print("submit after shutdown", type(e).__name__, e)
gate.set()
print("first", first.result())
ex.shutdown(wait=True)

gate = threading.Event()
with cf.ThreadPoolExecutor(1) as ex:
    a = ex.submit(lambda: gate.wait() and "a")
    b = ex.submit(lambda: "b")
    gate.set()
print("with waits", a.done(), b.done(), a.result(), b.result())
