# Twin of QueueTest#queuesOrderTheirItemsAndFailAsCPythons.
import queue


def attempt(label, f):
    try:
        print(label, "->", f())
    except BaseException as e:
        print(label, "->", type(e).__name__ + ":", e)


for q in (queue.Queue(), queue.LifoQueue(), queue.PriorityQueue()):
    for x in (3, 1, 2):
        q.put(x)
    print(type(q).__name__, [q.get() for _ in range(3)])

q = queue.Queue(2)
q.put_nowait("a")
q.put_nowait("b")
attempt("full", lambda: q.full())
attempt("put_nowait on a full queue", lambda: q.put_nowait("c"))
attempt("put 10 ms on a full queue", lambda: q.put("c", timeout=0.01))
attempt("qsize", lambda: q.qsize())
attempt("get", lambda: q.get())
attempt("get", lambda: q.get())
attempt("get_nowait on an empty queue", lambda: q.get_nowait())
attempt("get 10 ms on an empty queue", lambda: q.get(timeout=0.01))
attempt("get with a negative timeout", lambda: q.get(timeout=-1))
attempt("task_done", lambda: q.task_done())
attempt("task_done", lambda: q.task_done())
attempt("task_done once too often", lambda: q.task_done())
attempt("join with nothing unfinished", lambda: q.join())
