# Future: states, cancel, result/exception with timeouts, done callbacks.
# Compared line by line with FutureTest.
import concurrent.futures as cf
import logging
import threading

logging.basicConfig(format="log: %(message).30s")  # the callback failure goes to stderr

started = threading.Event()
release = threading.Event()
callbacks_done = threading.Event()
events = []


def block():
    started.set()
    release.wait()
    return 42


def fail():
    raise ValueError("boom")


def where():
    return "main" if threading.current_thread() is threading.main_thread() else "worker"


with cf.ThreadPoolExecutor(1) as ex:
    running = ex.submit(block)
    started.wait()
    pending = ex.submit(block)
    print("running", running.running(), pending.running())
    print("cancel running", running.cancel())
    print("cancel pending", pending.cancel())
    print("cancel pending again", pending.cancel())
    print("pending cancelled", pending.cancelled(), "done", pending.done())
    try:
        running.result(timeout=0.01)
    except TimeoutError as e:
        print("result timeout", type(e).__name__)
    try:
        running.exception(timeout=0)
    except TimeoutError as e:
        print("exception timeout", type(e).__name__)
    try:
        pending.result()
    except cf.CancelledError as e:
        print("cancelled result", type(e).__name__)
    try:
        pending.exception()
    except cf.CancelledError as e:
        print("cancelled exception", type(e).__name__)

    running.add_done_callback(lambda f: events.append("callback 1 in " + where() + " " + str(f.result())))

    def bad(f):
        raise RuntimeError("bad callback")

    running.add_done_callback(bad)
    running.add_done_callback(lambda f: (events.append("callback 3 in " + where()), callbacks_done.set()))
    release.set()
    callbacks_done.wait()
    for e in events:
        print(e)
    print("result", running.result(), "running", running.running(), "done", running.done())
    running.add_done_callback(lambda f: print("late callback in", where()))
    failed = ex.submit(fail)
    err = failed.exception()
    print("exception", type(err).__name__, err)
    try:
        failed.result()
    except ValueError as e:
        print("result raises", type(e).__name__)

f = cf.Future()
f.set_result(1)
try:
    f.set_result(2)
except cf.InvalidStateError as e:
    print("set twice", type(e).__name__, str(e).split(":")[0])
f = cf.Future()
try:
    f.result(timeout=-1)
except TimeoutError as e:
    print("negative timeout", type(e).__name__)
