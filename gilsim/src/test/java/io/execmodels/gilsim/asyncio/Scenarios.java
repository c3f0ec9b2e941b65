package io.execmodels.gilsim.asyncio;

import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Java twins of the {@code .py} scenarios beside this package's tests: each prints what its
 * script prints, through an {@link Out}. The scripts say what each pins.
 */
final class Scenarios {
  private Scenarios() {}

  private static Duration ms(long n) {
    return Duration.ofMillis(n);
  }

  // order.py ------------------------------------------------------------------------------------

  static Object order(Ctx ctx, Out out) {
    Loop loop = Asyncio.getRunningLoop();
    loop.callSoon(() -> out.print("soon 1"));
    Task<Object> a = Asyncio.createTask(ctx, c -> step(c, out, "a"));
    loop.callSoon(() -> out.print("soon 2"));
    Task<Object> b = Asyncio.createTask(ctx, c -> step(c, out, "b"));
    out.print("main created");
    Asyncio.sleep(ctx, Duration.ZERO);
    out.print("main after sleep(0)");
    loop.callLater(Duration.ZERO, () -> out.print("later 0"));
    loop.callLater(Duration.ofSeconds(-1), () -> out.print("later -1"));
    loop.callSoon(() -> out.print("soon 3"));
    ctx.await(a);
    out.print("a awaited");
    ctx.await(b);
    out.print("b awaited");
    return null;
  }

  private static Object step(Ctx ctx, Out out, String name) {
    out.print(name + " step 1");
    Asyncio.sleep(ctx, Duration.ZERO);
    out.print(name + " step 2");
    return null;
  }

  // gather.py -----------------------------------------------------------------------------------

  private static String work(Ctx ctx, Out out, String name, int iterations, boolean fail) {
    for (int i = 0; i < iterations; i++) {
      Asyncio.sleep(ctx, Duration.ZERO);
    }
    out.print(name + " done");
    if (fail) {
      throw new IllegalArgumentException(name);
    }
    return name;
  }

  private static String blocked(Ctx ctx, Out out, String name) {
    Asyncio.sleep(ctx, Duration.ofSeconds(10));
    out.print(name + " done");
    return name;
  }

  static Object gather(Ctx ctx, Out out) {
    List<Task<String>> ts = List.of(
        Asyncio.createTask(ctx, c -> work(c, out, "a", 3, false)),
        Asyncio.createTask(ctx, c -> work(c, out, "b", 1, false)),
        Asyncio.createTask(ctx, c -> work(c, out, "c", 2, false)));
    out.print("results", Asyncio.gather(ctx, ts));
    Task<String> twice = Asyncio.createTask(ctx, c -> work(c, out, "t", 1, false));
    out.print("same task twice", Asyncio.gather(ctx, List.of(twice, twice)));
    Task<String> ta = Asyncio.createTask(ctx, c -> work(c, out, "d", 4, false));
    Task<String> tb = Asyncio.createTask(ctx, c -> work(c, out, "e", 1, true));
    try {
      Asyncio.gather(ctx, List.of(ta, tb));
    } catch (CompletionException e) {
      out.print("gather raised", Out.kind(e), e.getCause().getMessage());
    }
    out.print("sibling cancelled", ta.isCancelled());
    out.print("sibling result", ctx.await(ta));
    List<Object> rs = Asyncio.gatherReturnExceptions(ctx, List.of(
        Asyncio.createTask(ctx, c -> work(c, out, "x", 0, true)),
        Asyncio.createTask(ctx, c -> work(c, out, "y", 1, false))));
    out.print("return_exceptions", rs.stream().map(Out::kindOrValue).toList());
    Task<String> c1 = Asyncio.createTask(ctx, c -> blocked(c, out, "c1"));
    Task<String> c2 = Asyncio.createTask(ctx, c -> blocked(c, out, "c2"));
    Event started = new Event();
    Task<List<String>> outer = Asyncio.createTask(ctx, c -> {
      started.set();
      return Asyncio.gather(c, List.of(c1, c2));
    });
    started.await(ctx);
    outer.cancel();
    try {
      ctx.await(outer);
    } catch (CancellationException e) {
      out.print("outer", Out.kind(e));
    }
    rs = Asyncio.gatherReturnExceptions(ctx, List.of(c1, c2));
    out.print("children", rs.stream().map(Out::kindOrValue).toList());
    return null;
  }

  // taskgroup.py --------------------------------------------------------------------------------

  private static Object slow(Ctx ctx, Out out, String name) {
    try {
      Asyncio.sleep(ctx, Duration.ofSeconds(10));
      out.print(name + " finished");
    } catch (CancellationException e) {
      out.print(name + " cancelled");
      throw e;
    }
    return null;
  }

  private static Object bad(Ctx ctx, Out out, String name, RuntimeException e) {
    Asyncio.sleep(ctx, Duration.ZERO);
    out.print(name + " raises");
    throw e;
  }

  private static String ok(Ctx ctx, String name) {
    Asyncio.sleep(ctx, Duration.ZERO);
    return name;
  }

  static Object taskGroup(Ctx ctx, Out out) {
    AtomicReference<TaskGroup> escaped = new AtomicReference<>();
    try {
      TaskGroup.run(ctx, (tg, c) -> {
        escaped.set(tg);
        tg.createTask(c, cc -> slow(cc, out, "slow"));
        tg.createTask(c, cc -> bad(cc, out, "b1", new IllegalArgumentException("one")));
        tg.createTask(c, cc -> bad(cc, out, "b2", new IllegalStateException("two")));
        out.print("body waits");
        try {
          Asyncio.sleep(c, Duration.ofSeconds(10));
        } catch (CancellationException e) {
          out.print("body cancelled");
          throw e;
        }
        return null;
      });
    } catch (ExceptionGroup eg) {
      out.print("group", eg.getMessage());
      for (Throwable e : eg.exceptions()) {
        out.print(" ", Out.kind(e), e.getMessage());
      }
    }
    try {
      escaped.get().createTask(ctx, c -> ok(c, "late"));
    } catch (IllegalStateException e) {
      out.print("after exit", Out.kind(e), e.getMessage().endsWith("is finished"));
    }
    AtomicReference<Task<String>> x = new AtomicReference<>();
    AtomicReference<Task<String>> y = new AtomicReference<>();
    TaskGroup.run(ctx, (tg, c) -> {
      x.set(tg.createTask(c, cc -> ok(cc, "x")));
      y.set(tg.createTask(c, cc -> ok(cc, "y")));
      return null;
    });
    out.print("results", ctx.await(x.get()), ctx.await(y.get()));
    return null;
  }

  // timeouts.py ---------------------------------------------------------------------------------

  private static String sleeper(Ctx ctx, Out out, String name, Duration delay, boolean fail) {
    try {
      Asyncio.sleep(ctx, delay);
    } catch (CancellationException e) {
      out.print(name + " cancelled");
      throw e;
    }
    if (fail) {
      throw new IllegalArgumentException(name);
    }
    return name;
  }

  private static List<String> names(List<Task<String>> tasks) {
    return tasks.stream().map(Task::name).toList();
  }

  static Object timeouts(Ctx ctx, Out out) throws Exception {
    Task<String> t = Asyncio.createTask(ctx, "slow",
        c -> sleeper(c, out, "slow", Duration.ofSeconds(10), false));
    try {
      Asyncio.waitFor(ctx, t, ms(50));
    } catch (TimeoutException e) {
      out.print("wait_for", Out.kind(e), "inner cancelled", t.isCancelled());
    }
    out.print("wait_for result", Asyncio.waitFor(ctx,
        Asyncio.createTask(ctx, c -> sleeper(c, out, "quick", ms(10), false)), ms(5000)));
    Task<String> a = Asyncio.createTask(ctx, "a", c -> sleeper(c, out, "a", ms(10), false));
    Task<String> b = Asyncio.createTask(ctx, "b",
        c -> sleeper(c, out, "b", Duration.ofSeconds(10), false));
    Task<String> cc = Asyncio.createTask(ctx, "c", c -> sleeper(c, out, "c", ms(30), true));
    List<Task<String>> abc = List.of(a, b, cc);
    Done<String> d = Asyncio.wait(ctx, abc, null, ReturnWhen.FIRST_COMPLETED);
    out.print("FIRST_COMPLETED", names(d.done()), names(d.pending()));
    d = Asyncio.wait(ctx, abc, null, ReturnWhen.FIRST_EXCEPTION);
    out.print("FIRST_EXCEPTION", names(d.done()), names(d.pending()));
    d = Asyncio.wait(ctx, abc, ms(50), ReturnWhen.ALL_COMPLETED);
    out.print("ALL_COMPLETED timeout", names(d.done()), names(d.pending()), "b cancelled",
        b.isCancelled());
    b.cancel();
    Asyncio.gatherReturnExceptions(ctx, List.of(b, cc));
    try {
      Asyncio.timeout(ctx, ms(20), c -> {
        Asyncio.sleep(c, Duration.ofSeconds(10));
        return null;
      });
    } catch (TimeoutException e) {
      out.print("timeout", Out.kind(e), "cause", Out.kind(e.getCause()));
    }
    return null;
  }

  // cancel.py -----------------------------------------------------------------------------------

  static Object cancel(Ctx ctx, Out out) {
    AtomicReference<Task<Object>> self = new AtomicReference<>();
    Task<Object> w = Asyncio.createTask(ctx, c -> {
      out.print("worker starts");
      out.print("cancel self ->", self.get().cancel());
      long total = 0;
      for (int i = 0; i < 1000; i++) {
        total += i;
      }
      out.print("worker ran on without an await", total);
      try {
        Asyncio.sleep(c, Duration.ZERO);
        out.print("not reached");
      } catch (CancellationException e) {
        out.print("worker got CancelledError at its next await");
        throw e;
      }
      return null;
    });
    self.set(w);
    try {
      ctx.await(w);
    } catch (CancellationException e) {
      out.print("worker cancelled", w.isCancelled());
    }
    out.print("cancel done task ->", w.cancel());
    Task<Object> n = Asyncio.createTask(ctx, c -> {
      out.print("never runs");
      return null;
    });
    out.print("cancel before first step ->", n.cancel());
    try {
      ctx.await(n);
    } catch (CancellationException e) {
      out.print("never cancelled", n.isCancelled());
    }
    Task<String> t = Asyncio.createTask(ctx, c -> {
      Asyncio.sleep(c, ms(20));
      out.print("inner finished");
      return "inner result";
    });
    Task<String> o = Asyncio.createTask(ctx, c -> Asyncio.shield(c, t));
    Asyncio.sleep(ctx, Duration.ZERO);
    o.cancel();
    try {
      ctx.await(o);
    } catch (CancellationException e) {
      out.print("outer CancelledError");
    }
    out.print("inner cancelled", t.isCancelled());
    out.print("inner", ctx.await(t));
    return null;
  }

  // primitives.py -------------------------------------------------------------------------------

  static Object primitives(Ctx ctx, Out out) {
    Lock lock = new Lock();
    List<Task<Object>> lockers = new java.util.ArrayList<>();
    for (String n : List.of("l1", "l2", "l3")) {
      lockers.add(Asyncio.createTask(ctx, c -> {
        lock.acquire(c);
        try {
          out.print(n + " holds the lock");
          Asyncio.sleep(c, Duration.ZERO);
          out.print(n + " releases");
        } finally {
          lock.release();
        }
        return null;
      }));
    }
    Asyncio.gather(ctx, lockers);
    Event event = new Event();
    List<Task<Object>> waiters = new java.util.ArrayList<>();
    for (String n : List.of("e1", "e2")) {
      waiters.add(Asyncio.createTask(ctx, c -> {
        event.await(c);
        out.print(n + " saw the event");
        return null;
      }));
    }
    Asyncio.sleep(ctx, Duration.ZERO);
    out.print("setting the event");
    event.set();
    Asyncio.gather(ctx, waiters);
    Semaphore sem = new Semaphore(2);
    List<Task<Object>> limited = new java.util.ArrayList<>();
    for (String n : List.of("s1", "s2", "s3")) {
      limited.add(Asyncio.createTask(ctx, c -> {
        sem.acquire(c);
        try {
          out.print(n + " in");
          Asyncio.sleep(c, Duration.ZERO);
          Asyncio.sleep(c, Duration.ZERO);
          out.print(n + " out");
        } finally {
          sem.release();
        }
        return null;
      }));
    }
    Asyncio.gather(ctx, limited);
    Queue<Integer> q = new Queue<>(2);
    Task<Object> consumer = Asyncio.createTask(ctx, c -> {
      while (true) {
        int item = q.get(c);
        out.print("got " + item);
        q.taskDone();
      }
    });
    ctx.await(Asyncio.createTask(ctx, c -> {
      for (int i = 0; i < 4; i++) {
        q.put(c, i);
        out.print("put " + i + " qsize " + q.qsize());
      }
      return null;
    }));
    q.join(ctx);
    out.print("joined, unfinished none, empty", q.empty());
    consumer.cancel();
    LifoQueue<Integer> lq = new LifoQueue<>(0);
    PriorityQueue<Integer> pq = new PriorityQueue<>(0);
    for (int x : List.of(3, 1, 2)) {
      lq.putNowait(x);
      pq.putNowait(x);
    }
    out.print("lifo", List.of(lq.getNowait(), lq.getNowait(), lq.getNowait()), "priority",
        List.of(pq.getNowait(), pq.getNowait(), pq.getNowait()));
    return null;
  }

  // badinput.py ---------------------------------------------------------------------------------

  private static void attempt(Out out, String label, java.util.concurrent.Callable<?> f) {
    try {
      out.print(label, "->", f.call());
    } catch (Exception e) {
      out.print(label, "->", Out.kind(e), Out.message(e));
    }
  }

  static Object badInput(Ctx ctx, Out out) throws Exception {
    attempt(out, "Lock.release unlocked", () -> {
      new Lock().release();
      return null;
    });
    BoundedSemaphore bs = new BoundedSemaphore(1);
    attempt(out, "BoundedSemaphore over-release", () -> {
      bs.release();
      return null;
    });
    attempt(out, "Semaphore(-1)", () -> new Semaphore(-1));
    Queue<String> q = new Queue<>(1);
    q.putNowait("a");
    attempt(out, "put_nowait full", () -> {
      q.putNowait("b");
      return null;
    });
    attempt(out, "get_nowait", q::getNowait);
    attempt(out, "get_nowait empty", q::getNowait);
    q.taskDone();
    attempt(out, "task_done again", () -> {
      q.taskDone();
      return null;
    });
    try {
      Asyncio.wait(ctx, List.<Task<Object>>of(), null, ReturnWhen.ALL_COMPLETED);
    } catch (IllegalArgumentException e) {
      out.print("wait([]) ->", Out.kind(e), e.getMessage());
    }
    try {
      Asyncio.toThread(ctx, Asyncio::getRunningLoop);
    } catch (IllegalStateException e) {
      out.print("get_running_loop off the loop ->", Out.kind(e), e.getMessage());
    }
    Loop loop = Asyncio.getRunningLoop();
    loop.callLater(Duration.ofSeconds(-1), () -> out.print("call_later(-1) runs"));
    Asyncio.sleep(ctx, Duration.ofSeconds(-1));
    out.print("sleep(-1) returns");
    Asyncio.sleep(ctx, Duration.ZERO);
    return null;
  }

  // hops.py -------------------------------------------------------------------------------------

  private static String child(Ctx ctx, Out out, String name, boolean fail) {
    Asyncio.sleep(ctx, Duration.ZERO);
    out.print(name, fail ? "fails" : "ends");
    if (fail) {
      throw new IllegalArgumentException(name);
    }
    return name;
  }

  static Object hops(Ctx ctx, Out out) throws Exception {
    Task<Object> t = Asyncio.createTask(ctx, c -> {
      for (int i = 0; i < 30; i++) {
        out.print("tick", i);
        Asyncio.sleep(c, Duration.ZERO);
      }
      return null;
    });
    Asyncio.sleep(ctx, Duration.ZERO);
    Task<String> a = Asyncio.createTask(ctx, c -> child(c, out, "a", false));
    out.print("gather", Asyncio.gather(ctx, List.of(a)));
    out.print("gather done", Asyncio.gather(ctx, List.of(a)));
    Task<String> b = Asyncio.createTask(ctx, c -> child(c, out, "b", false));
    Done<String> d = Asyncio.wait(ctx, List.of(b), null, ReturnWhen.ALL_COMPLETED);
    out.print("wait", d.done().size(), d.pending().size());
    d = Asyncio.wait(ctx, List.of(b), null, ReturnWhen.ALL_COMPLETED);
    out.print("wait done", d.done().size(), d.pending().size());
    Task<String> c = Asyncio.createTask(ctx, cc -> child(cc, out, "c", true));
    try {
      Asyncio.gather(ctx, List.of(c));
    } catch (CompletionException e) {
      out.print("gather raised", Out.kind(e), e.getCause().getMessage());
    }
    Task<String> dd = Asyncio.createTask(ctx, cc -> child(cc, out, "d", false));
    out.print("wait_for", Asyncio.waitFor(ctx, dd, Duration.ofSeconds(5)));
    t.cancel();
    return null;
  }
}
