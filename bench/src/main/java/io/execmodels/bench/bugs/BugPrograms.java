package io.execmodels.bench.bugs;

import io.execmodels.core.Channel;
import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's programs, each written here from its bug's description (no code is taken from
 * the suites they are named after). Shared memory is plain fields and arrays; every access that
 * the original programs would race on is preceded by {@code checkpoint()}, the simulation's
 * scheduling point, as every shared access is a scheduling point in SCTBench's tools. A "lock" is
 * a channel of capacity 1: a send takes it, a receive gives it back (Go's idiom); under the
 * {@code sim} profile a channel operation is a scheduling point even when it does not wait. A bug
 * shows as an {@link AssertionError} or as a deadlock the simulation reports.
 */
final class BugPrograms {
  private BugPrograms() {}

  static List<Bug> all() {
    List<Bug> bugs = new ArrayList<>();
    bugs.add(new Bug("account", "lost update (SCTBench account)", 1, BugPrograms::account));
    bugs.add(new Bug("bluetooth", "check-then-act on a stopping flag (SCTBench bluetooth_driver)",
        2, BugPrograms::bluetooth));
    bugs.add(new Bug("circular-buffer", "check-then-act on a count (SCTBench circular_buffer)", 1,
        BugPrograms::circularBuffer));
    bugs.add(new Bug("lazy-init", "double initialisation (SCTBench lazy01)", 1,
        BugPrograms::lazyInit));
    bugs.add(new Bug("queue", "unsynchronised size of a queue (SCTBench queue)", 1,
        BugPrograms::queue));
    bugs.add(new Bug("reorder-3", "a reader sees the second write without the first (reorder_3)",
        1, (c, u) -> reorder(c, 2)));
    bugs.add(new Bug("reorder-5", "as reorder-3, with 4 setters (reorder_5)", 1,
        (c, u) -> reorder(c, 4)));
    bugs.add(new Bug("reorder-10", "as reorder-3, with 9 setters (reorder_10)", 1,
        (c, u) -> reorder(c, 9)));
    bugs.add(new Bug("twostage", "a read between two stages of an update (twostage)", 1,
        (c, u) -> twostage(c, 1)));
    bugs.add(new Bug("twostage-5", "as twostage, with 5 updaters (twostage_100, smaller)", 1,
        (c, u) -> twostage(c, 5)));
    bugs.add(new Bug("wronglock", "two tasks guard one field with different locks (wronglock)", 1,
        (c, u) -> wronglock(c, 1)));
    bugs.add(new Bug("wronglock-3", "as wronglock, with 3 wrong lockers (wronglock_3)", 1,
        (c, u) -> wronglock(c, 3)));
    bugs.add(new Bug("stack", "push and pop race on the top index (SCTBench stack)", 1,
        BugPrograms::stack));
    bugs.add(new Bug("token-ring", "a token read and passed without a lock (token_ring)", 2,
        BugPrograms::tokenRing));
    bugs.add(new Bug("philosophers-2", "dining philosophers, all left fork first (deadlock01)", 1,
        (c, u) -> philosophers(c, 2)));
    bugs.add(new Bug("philosophers-3", "dining philosophers, 3 at the table", 2,
        (c, u) -> philosophers(c, 3)));
    bugs.add(new Bug("philosophers-5", "dining philosophers, 5 at the table", 4,
        (c, u) -> philosophers(c, 5)));
    bugs.add(new Bug("bank-transfer", "lock-order deadlock between two transfers (JaConTeBe)", 1,
        BugPrograms::bankTransfer));
    bugs.add(new Bug("check-then-act-wait", "check-then-act across a wait (JaConTeBe cache)", 1,
        BugPrograms::checkThenActAcrossAWait));
    bugs.add(new Bug("lost-wakeup", "a waiter checks a flag, then waits for a signal already sent",
        1, BugPrograms::lostWakeup));
    bugs.add(new Bug("double-checked-init", "double-checked init publishes a half-built object",
        1, BugPrograms::doubleCheckedInit));
    bugs.add(new Bug("unsafe-publication", "a reference published before its fields are set", 1,
        BugPrograms::unsafePublication));
    bugs.add(new Bug("counter-3", "read-modify-write by 3 tasks loses an increment", 1,
        BugPrograms::counter3));
    bugs.add(new Bug("order-violation", "a task uses a resource before its creator set it up", 1,
        BugPrograms::orderViolation));
    bugs.add(new Bug("handshake", "both sides send first on unbuffered channels: deadlock", 1,
        BugPrograms::handshake));
    bugs.add(new Bug("carter", "a lock held across a wait for another task's lock", 2,
        BugPrograms::carter));
    return bugs;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  /**
   * Takes lock {@code m}. The send is a scheduling point even when the lock is free, under the
   * {@code sim} profile, as every synchronisation is one in SCTBench's tools.
   */
  private static void lock(Ctx c, Channel<Boolean> m) {
    m.send(true);
  }

  /** Gives lock {@code m} back; a scheduling point, as {@link #lock}. */
  private static void unlock(Ctx c, Channel<Boolean> m) {
    m.receive();
  }

  private static void awaitAll(Ctx ctx, List<Task<Void>> tasks) {
    ctx.awaitAll(tasks);
  }

  // ---------------------------------------------------------------------------------------------

  /** Two deposits of 10 read the balance, yield, write it back: one is lost. */
  static void account(Ctx ctx, Void unused) {
    int[] balance = {100};
    List<Task<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      tasks.add(ctx.spawn(c -> {
        int read = balance[0];
        c.checkpoint();
        balance[0] = read + 10;
        return null;
      }));
    }
    awaitAll(ctx, tasks);
    check(balance[0] == 120, "balance " + balance[0] + ", expected 120");
  }

  /**
   * A driver's stop sets a flag, then waits for pending I/O to drain and frees the device; an I/O
   * call checks the flag, yields, and increments the pending count: it can use a freed device.
   */
  static void bluetooth(Ctx ctx, Void unused) {
    boolean[] stopping = {false};
    boolean[] stopped = {false};
    int[] pending = {1};
    Task<Void> io = ctx.spawn(c -> {
      c.checkpoint();
      if (!stopping[0]) {
        c.checkpoint();
        pending[0]++;
        c.checkpoint();
        check(!stopped[0], "I/O on a stopped device");
        pending[0]--;
      }
      return null;
    });
    Task<Void> stop = ctx.spawn(c -> {
      stopping[0] = true;
      c.checkpoint();
      pending[0]--;
      c.checkpoint();
      if (pending[0] == 0) {
        stopped[0] = true;
      }
      return null;
    });
    awaitAll(ctx, List.of(io, stop));
  }

  /** Two producers check that the buffer has room, yield, then add: the buffer overflows. */
  static void circularBuffer(Ctx ctx, Void unused) {
    int capacity = 2;
    int[] count = {1};
    List<Task<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      tasks.add(ctx.spawn(c -> {
        if (count[0] < capacity) {
          c.checkpoint();
          count[0]++;
        }
        return null;
      }));
    }
    awaitAll(ctx, tasks);
    check(count[0] <= capacity, "count " + count[0] + " over capacity " + capacity);
  }

  /** Two tasks see the instance unset and both create it. */
  static void lazyInit(Ctx ctx, Void unused) {
    Object[] instance = {null};
    int[] created = {0};
    List<Task<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      tasks.add(ctx.spawn(c -> {
        if (instance[0] == null) {
          c.checkpoint();
          created[0]++;
          instance[0] = new Object();
        }
        return null;
      }));
    }
    awaitAll(ctx, tasks);
    check(created[0] == 1, created[0] + " instances created");
  }

  /** An enqueue and a dequeue update the size without a lock. */
  static void queue(Ctx ctx, Void unused) {
    int[] size = {1};
    Task<Void> enq = ctx.spawn(c -> {
      int s = size[0];
      c.checkpoint();
      size[0] = s + 1;
      return null;
    });
    Task<Void> deq = ctx.spawn(c -> {
      int s = size[0];
      c.checkpoint();
      size[0] = s - 1;
      return null;
    });
    awaitAll(ctx, List.of(enq, deq));
    check(size[0] == 1, "size " + size[0] + ", expected 1");
  }

  /** Setters write a then b; a checker that sees b set but a not has seen them reordered. */
  static void reorder(Ctx ctx, int setters) {
    int[] a = {0};
    int[] b = {0};
    List<Task<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < setters; t++) {
      tasks.add(ctx.spawn(c -> {
        a[0] = 1;
        c.checkpoint();
        b[0] = -1;
        c.checkpoint();
        b[0] = 0;
        c.checkpoint();
        a[0] = 0;
        return null;
      }));
    }
    tasks.add(ctx.spawn(c -> {
      c.checkpoint();
      int seenA = a[0];
      c.checkpoint();
      int seenB = b[0];
      check(!(seenA == 0 && seenB == -1), "saw b set without a");
      return null;
    }));
    awaitAll(ctx, tasks);
  }

  /** An updater writes data1 then data2; a reader between the stages sees them disagree. */
  static void twostage(Ctx ctx, int updaters) {
    int[] data1 = {0};
    int[] data2 = {0};
    Channel<Boolean> lock1 = ctx.channel(1);
    Channel<Boolean> lock2 = ctx.channel(1);
    List<Task<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < updaters; t++) {
      tasks.add(ctx.spawn(c -> {
        lock(c, lock1);
        data1[0] = 1;
        unlock(c, lock1);
        lock(c, lock2);
        data2[0] = data1[0] + 1;
        unlock(c, lock2);
        return null;
      }));
    }
    tasks.add(ctx.spawn(c -> {
      lock(c, lock1);
      int d1 = data1[0];
      unlock(c, lock1);
      if (d1 != 0) {
        lock(c, lock2);
        int d2 = data2[0];
        unlock(c, lock2);
        check(d2 == d1 + 1, "data2 " + d2 + " with data1 " + d1);
      }
      return null;
    }));
    awaitAll(ctx, tasks);
  }

  /** One task increments under lock A, others decrement under lock B: the field is unguarded. */
  static void wronglock(Ctx ctx, int wrong) {
    int[] x = {0};
    Channel<Boolean> a = ctx.channel(1);
    Channel<Boolean> b = ctx.channel(1);
    List<Task<Void>> tasks = new ArrayList<>();
    tasks.add(ctx.spawn(c -> {
      lock(c, a);
      int v = x[0];
      c.checkpoint();
      x[0] = v + wrong;
      unlock(c, a);
      return null;
    }));
    for (int t = 0; t < wrong; t++) {
      tasks.add(ctx.spawn(c -> {
        lock(c, b);
        int v = x[0];
        c.checkpoint();
        x[0] = v - 1;
        unlock(c, b);
        return null;
      }));
    }
    awaitAll(ctx, tasks);
    check(x[0] == 0, "x " + x[0] + ", expected 0");
  }

  /** A push and a pop race on the top index: the pop takes what was never pushed. */
  static void stack(Ctx ctx, Void unused) {
    int[] items = new int[4];
    int[] top = {0};
    Task<Void> push = ctx.spawn(c -> {
      int t = top[0];
      c.checkpoint();
      top[0] = t + 1;
      c.checkpoint();
      items[t] = 42;
      return null;
    });
    Task<Void> pop = ctx.spawn(c -> {
      c.checkpoint();
      if (top[0] > 0) {
        int v = items[top[0] - 1];
        check(v == 42, "popped " + v + " before it was pushed");
      }
      return null;
    });
    awaitAll(ctx, List.of(push, pop));
  }

  /** Three stations pass a token by reading and writing a shared slot without a lock. */
  static void tokenRing(Ctx ctx, Void unused) {
    int[] holder = {0};
    int[] holders = {0};
    List<Task<Void>> tasks = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      int me = s;
      tasks.add(ctx.spawn(c -> {
        c.checkpoint();
        if (holder[0] == me) {
          holders[0]++;
          c.checkpoint();
          check(holders[0] == 1, holders[0] + " stations hold the token");
          holder[0] = (me + 1) % 3;
          c.checkpoint();
          holders[0]--;
        }
        return null;
      }));
    }
    awaitAll(ctx, tasks);
  }

  /** Philosophers each take their left fork, then their right: all hold one, all wait. */
  static void philosophers(Ctx ctx, int n) {
    List<Channel<Boolean>> forks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      forks.add(ctx.channel(1));
    }
    List<Task<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Channel<Boolean> left = forks.get(i);
      Channel<Boolean> right = forks.get((i + 1) % n);
      tasks.add(ctx.spawn(c -> {
        lock(c, left);
        lock(c, right);
        unlock(c, right);
        unlock(c, left);
        return null;
      }));
    }
    awaitAll(ctx, tasks);
  }

  /** Two transfers lock their accounts in opposite orders. */
  static void bankTransfer(Ctx ctx, Void unused) {
    Channel<Boolean> from = ctx.channel(1);
    Channel<Boolean> to = ctx.channel(1);
    Task<Void> t1 = ctx.spawn(c -> {
      lock(c, from);
      lock(c, to);
      unlock(c, to);
      unlock(c, from);
      return null;
    });
    Task<Void> t2 = ctx.spawn(c -> {
      lock(c, to);
      lock(c, from);
      unlock(c, from);
      unlock(c, to);
      return null;
    });
    awaitAll(ctx, List.of(t1, t2));
  }

  /** Two tasks find a key missing, each awaits a slow load, each puts: the load runs twice. */
  static void checkThenActAcrossAWait(Ctx ctx, Void unused) {
    java.util.Map<String, Integer> cache = new java.util.HashMap<>();
    int[] loads = {0};
    List<Task<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      tasks.add(ctx.spawn(c -> {
        if (!cache.containsKey("k")) {
          int v = c.await(c.spawn(load -> {
            loads[0]++;
            return 7;
          }));
          cache.put("k", v);
        }
        return null;
      }));
    }
    awaitAll(ctx, tasks);
    check(loads[0] == 1, "loaded " + loads[0] + " times");
  }

  /**
   * A waiter checks a ready flag and, if unset, waits for a signal; the signaller sets the flag and
   * signals only if someone waits: between the check and the wait the signal is lost.
   */
  static void lostWakeup(Ctx ctx, Void unused) {
    boolean[] ready = {false};
    boolean[] waiting = {false};
    Channel<Boolean> signal = ctx.channel(0);
    Task<Void> waiter = ctx.spawn(c -> {
      if (!ready[0]) {
        c.checkpoint();
        waiting[0] = true;
        signal.receive();
      }
      return null;
    });
    Task<Void> signaller = ctx.spawn(c -> {
      ready[0] = true;
      c.checkpoint();
      if (waiting[0]) {
        signal.send(true);
      }
      return null;
    });
    awaitAll(ctx, List.of(waiter, signaller));
  }

  /** The instance is published, then its field set; a second task takes the half-built one. */
  static void doubleCheckedInit(Ctx ctx, Void unused) {
    int[][] instance = {null};
    Channel<Boolean> lock = ctx.channel(1);
    List<Task<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      tasks.add(ctx.spawn(c -> {
        if (instance[0] == null) {
          lock(c, lock);
          if (instance[0] == null) {
            int[] made = new int[1];
            instance[0] = made;
            c.checkpoint();
            made[0] = 42;
          }
          unlock(c, lock);
        }
        check(instance[0][0] == 42, "used a half-built instance");
        return null;
      }));
    }
    awaitAll(ctx, tasks);
  }

  /** A config object is put in a shared field before its fields are filled in. */
  static void unsafePublication(Ctx ctx, Void unused) {
    int[][] shared = {null};
    Task<Void> writer = ctx.spawn(c -> {
      int[] config = new int[2];
      shared[0] = config;
      c.checkpoint();
      config[0] = 1;
      config[1] = 2;
      return null;
    });
    Task<Void> reader = ctx.spawn(c -> {
      c.checkpoint();
      int[] seen = shared[0];
      if (seen != null) {
        check(seen[0] + seen[1] == 3, "read a config before it was filled in");
      }
      return null;
    });
    awaitAll(ctx, List.of(writer, reader));
  }

  /** Three tasks increment a counter with a read, a yield and a write. */
  static void counter3(Ctx ctx, Void unused) {
    int[] counter = {0};
    List<Task<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      tasks.add(ctx.spawn(c -> {
        int v = counter[0];
        c.checkpoint();
        counter[0] = v + 1;
        return null;
      }));
    }
    awaitAll(ctx, tasks);
    check(counter[0] == 3, "counter " + counter[0] + ", expected 3");
  }

  /** The creator spawns the user first, then sets up the resource it uses. */
  static void orderViolation(Ctx ctx, Void unused) {
    Object[] resource = {null};
    Task<Void> user = ctx.spawn(c -> {
      check(resource[0] != null, "used the resource before it was set up");
      return null;
    });
    ctx.checkpoint();
    resource[0] = new Object();
    ctx.await(user);
  }

  /** Each side sends its hello before it receives the other's, on unbuffered channels. */
  static void handshake(Ctx ctx, Void unused) {
    Channel<String> toB = ctx.channel(0);
    Channel<String> toA = ctx.channel(0);
    Task<Void> a = ctx.spawn(c -> {
      c.checkpoint();
      toB.send("hello from a");
      toA.receive();
      return null;
    });
    Task<Void> b = ctx.spawn(c -> {
      c.checkpoint();
      if (toB.tryReceive() == null) {
        toA.send("hello from b");
        toB.receive();
      } else {
        toA.send("hello from b");
      }
      return null;
    });
    awaitAll(ctx, List.of(a, b));
  }

  /**
   * A task holds lock m while it waits for a done signal that another task sends only after it
   * takes m (carter01's shape): a deadlock when the waiter takes m first.
   */
  static void carter(Ctx ctx, Void unused) {
    Channel<Boolean> m = ctx.channel(1);
    Channel<Boolean> done = ctx.channel(1);
    Task<Void> waiter = ctx.spawn(c -> {
      c.checkpoint();
      lock(c, m);
      done.receive();
      unlock(c, m);
      return null;
    });
    Task<Void> finisher = ctx.spawn(c -> {
      c.checkpoint();
      lock(c, m);
      unlock(c, m);
      done.send(true);
      return null;
    });
    awaitAll(ctx, List.of(waiter, finisher));
  }
}
