# Twin of ThreadingTest#aConditionWakesItsWaitersInTheOrderTheyBeganToWait.
import threading

cond = threading.Condition()
woken = []


def waiter(i, started):
    with cond:
        started.set()
        cond.wait()
        woken.append(i)


threads = []
for i in range(3):
    started = threading.Event()
    t = threading.Thread(target=waiter, args=(i, started))
    t.start()
    started.wait()
    with cond:  # the waiter released the lock only in wait(): it is waiting now
        pass
    threads.append(t)

for n in range(3):
    with cond:
        cond.notify()
    threads[n].join()
    print("woken", woken)

try:
    cond.wait()
except RuntimeError as e:
    print("wait without the lock ->", type(e).__name__ + ":", e)
try:
    cond.notify()
except RuntimeError as e:
    print("notify without the lock ->", type(e).__name__ + ":", e)
with cond:
    print("wait 10 ms ->", cond.wait(0.01))
    print("wait_for true ->", cond.wait_for(lambda: True, 0.01))
