# ThreadPoolExecutor: lazy workers reused when idle, names, initializer failure, bad input.
# Compared line by line with ThreadPoolExecutorTest.
import concurrent.futures as cf
import os
import threading

with cf.ThreadPoolExecutor(4, thread_name_prefix="w") as ex:
    print("threads before submit", len(ex._threads))
    names = {ex.submit(lambda: threading.current_thread().name).result() for _ in range(5)}
    print("threads after 5 sequential tasks", len(ex._threads), sorted(names))

print("default max_workers", cf.ThreadPoolExecutor()._max_workers == min(32, os.cpu_count() + 4))


def init_fail():
    raise ValueError("init")


gate = threading.Event()
ex = cf.ThreadPoolExecutor(1, initializer=init_fail)
f = ex.submit(lambda: "never")
err = f.exception()
print("initializer", type(err).__name__, err)
try:
    ex.submit(lambda: "never")
except cf.thread.BrokenThreadPool as e:
    print("submit", type(e).__name__, e)
ex.shutdown()

for bad in (0, -1):
    try:
        cf.ThreadPoolExecutor(bad)
    except ValueError as e:
        print("max_workers", bad, type(e).__name__, e)
