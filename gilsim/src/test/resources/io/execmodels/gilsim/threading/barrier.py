# Twin of ThreadingTest#aBarrierNumbersArrivalsRunsItsActionOnceAndBreaksForEveryWaiter.
import threading

actions = []
barrier = threading.Barrier(3, action=lambda: actions.append("action"))
indices = []
lock = threading.Lock()
order = threading.Semaphore(0)


def party():
    i = barrier.wait()
    with lock:
        indices.append(i)


threads = [threading.Thread(target=party) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("indices", sorted(indices), "actions", actions)

broken = []


def waiter(started):
    started.set()
    try:
        barrier.wait()
    except threading.BrokenBarrierError as e:
        broken.append(type(e).__name__)


started = threading.Event()
t = threading.Thread(target=waiter, args=(started,))
t.start()
started.wait()
while barrier.n_waiting < 1:
    pass
barrier.abort()
t.join()
print("waiter ->", broken)
try:
    barrier.wait()
except threading.BrokenBarrierError as e:
    print("wait on a broken barrier ->", type(e).__name__)
barrier.reset()
print("broken after reset ->", barrier.broken)
try:
    threading.Barrier(2).wait(0.01)
except threading.BrokenBarrierError as e:
    print("timed out ->", type(e).__name__)
