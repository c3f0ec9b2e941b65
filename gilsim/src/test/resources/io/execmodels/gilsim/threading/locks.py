# Twin of ThreadingTest#locksBehaveAsCPythons: the lines must match the Java test's.
import threading


def attempt(label, f):
    try:
        print(label, "->", f())
    except BaseException as e:
        print(label, "->", type(e).__name__ + ":", e)


lock = threading.Lock()
attempt("lock acquire", lambda: lock.acquire())
attempt("lock acquire again without blocking", lambda: lock.acquire(blocking=False))
released = []
t = threading.Thread(target=lambda: released.append(lock.release()))
t.start()
t.join()
attempt("released by another thread, locked", lambda: lock.locked())
attempt("lock release unlocked", lambda: lock.release())
attempt("lock negative timeout", lambda: lock.acquire(timeout=-2))

rlock = threading.RLock()
attempt("rlock acquire", lambda: rlock.acquire())
attempt("rlock acquire again", lambda: rlock.acquire())
failed = []


def other_release():
    try:
        rlock.release()
    except BaseException as e:
        failed.append(type(e).__name__ + ": " + str(e))


t = threading.Thread(target=other_release)
t.start()
t.join()
print("rlock release by another thread ->", failed[0])
attempt("rlock release", lambda: rlock.release())
attempt("rlock release", lambda: rlock.release())
attempt("rlock release once too often", lambda: rlock.release())

sem = threading.Semaphore(1)
attempt("semaphore acquire", lambda: sem.acquire())
attempt("semaphore acquire without blocking", lambda: sem.acquire(blocking=False))
attempt("semaphore release 2", lambda: sem.release(2))
attempt("semaphore acquire without blocking", lambda: sem.acquire(blocking=False))
attempt("semaphore release 0", lambda: sem.release(0))
attempt("semaphore negative", lambda: threading.Semaphore(-1))
bounded = threading.BoundedSemaphore(1)
attempt("bounded release over the start", lambda: bounded.release())

event = threading.Event()
attempt("event wait 10 ms", lambda: event.wait(0.01))
event.set()
attempt("event wait after set", lambda: event.wait(0.01))
event.clear()
attempt("event is set after clear", lambda: event.is_set())
