# as_completed and wait. Compared line by line with WaitingTest.
import concurrent.futures as cf
import threading

gates = [threading.Event() for _ in range(3)]


def gated(name, i):
    gates[i].wait()
    return name


with cf.ThreadPoolExecutor(3) as ex:
    # c may finish first; a only after main has seen c, b only after main has seen a.
    fs = [ex.submit(gated, "a", 1), ex.submit(gated, "b", 2), ex.submit(gated, "c", 0)]
    gates[0].set()
    order = []
    for i, f in enumerate(cf.as_completed(fs)):
        order.append(f.result())
        if i + 1 < len(gates):
            gates[i + 1].set()
    print("as_completed", order)

gate = threading.Event()
with cf.ThreadPoolExecutor(2) as ex:
    done = ex.submit(lambda: "done")
    done.result()
    blocked = ex.submit(gate.wait)
    seen = []
    try:
        for f in cf.as_completed([done, blocked, done], timeout=0.05):
            seen.append(f.result())
    except TimeoutError as e:
        print("as_completed timeout", seen, type(e).__name__, e)

    r = cf.wait([done, blocked], return_when=cf.FIRST_COMPLETED)
    print("FIRST_COMPLETED", len(r.done), len(r.not_done), done in r.done)
    r = cf.wait([done, blocked], timeout=0.05, return_when=cf.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION, none failed", len(r.done), len(r.not_done))
    failed = ex.submit(lambda: 1 // 0)
    r = cf.wait([blocked, failed], return_when=cf.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION", len(r.done), len(r.not_done), failed in r.done)
    r = cf.wait([done, blocked], timeout=0.05)
    print("ALL_COMPLETED timeout", len(r.done), len(r.not_done))
    r = cf.wait([done, blocked], timeout=-1)
    print("negative timeout", len(r.done), len(r.not_done))
    gate.set()
    r = cf.wait([done, blocked, failed])
    print("ALL_COMPLETED", len(r.done), len(r.not_done))
    try:
        list(cf.as_completed([cf.Future()], timeout=-1))
    except TimeoutError as e:
        print("as_completed negative timeout", type(e).__name__, e)
