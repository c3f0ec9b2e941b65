# Twin of ThreadingTest#threadsStartOnceJoinQuietlyAndReportWhatEscapes.
import threading

seen = []
threading.excepthook = lambda args: seen.append(
    "excepthook: " + args.thread.name + " " + type(args.exc_value).__name__ + ": " + str(args.exc_value))


def attempt(label, f):
    try:
        print(label, "->", f())
    except BaseException as e:
        print(label, "->", type(e).__name__ + ":", e)


def boom():
    raise ValueError("boom")


t = threading.Thread(target=boom, name="worker")
attempt("join before start", lambda: t.join())
t.start()
attempt("join", lambda: t.join())
print(seen[0])
attempt("start again", lambda: t.start())
attempt("alive after join", lambda: t.is_alive())

gate = threading.Event()
slow = threading.Thread(target=gate.wait, name="slow")
slow.start()
attempt("join 10 ms", lambda: slow.join(0.01))
attempt("alive after a join that timed out", lambda: slow.is_alive())
gate.set()
slow.join()
attempt("daemon of a thread made by the main thread", lambda: slow.daemon)

inner = []


def outer():
    inner.append(threading.Thread(target=lambda: None).daemon)
    attempt("join current", lambda: threading.current_thread().join())


d = threading.Thread(target=outer, daemon=True)
d.start()
d.join()
print("daemon inherited ->", inner[0])
