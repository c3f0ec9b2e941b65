package io.execmodels.bench.fray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The 26 programs of execmodels' bug benchmark ({@code bench/src/main/java/io/execmodels/bench/bugs/
 * BugPrograms.java}) as plain-thread Java, one method each, with the same logic and the same bug.
 *
 * <p>The translation, construct by construct:
 *
 * <ul>
 *   <li>{@code ctx.spawn} is a started {@link Thread}; {@code awaitAll}/{@code await} is {@link
 *       Thread#join}.
 *   <li>A channel of capacity 1 used as a lock is a {@link ReentrantLock}; an unbuffered channel is
 *       a {@link SynchronousQueue} ({@code tryReceive} is {@code poll}); a buffered channel is an
 *       {@link ArrayBlockingQueue} of the same capacity.
 *   <li>Shared state is fields of small objects, read and written in separate steps exactly where
 *       the original reads and writes its arrays. The fields are {@code volatile}: Fray 0.9.2's
 *       JUnit entry points run with {@code interleaveMemoryOps = false}, so a plain field access is
 *       not a scheduling point and a race on it could never be explored; a volatile access is one,
 *       which plays the part of the original's {@code checkpoint()} before a shared access. Shared
 *       arrays are {@link AtomicIntegerArray}s for the same reason. Fray then has a scheduling point
 *       at every shared access, which is at least every point where the original has one.
 * </ul>
 *
 * <p>A bug shows as an {@link AssertionError} or as a deadlock, which Fray reports.
 */
public final class PlainBugPrograms {
  private PlainBugPrograms() {}

  /**
   * Every program, in the order of the original benchmark.
   *
   * @return the 26 programs
   */
  public static List<Program> all() {
    List<Program> programs = new ArrayList<>();
    programs.add(new Program("account", PlainBugPrograms::account));
    programs.add(new Program("bluetooth", PlainBugPrograms::bluetooth));
    programs.add(new Program("circular-buffer", PlainBugPrograms::circularBuffer));
    programs.add(new Program("lazy-init", PlainBugPrograms::lazyInit));
    programs.add(new Program("queue", PlainBugPrograms::queue));
    programs.add(new Program("reorder-3", () -> reorder(2)));
    programs.add(new Program("reorder-5", () -> reorder(4)));
    programs.add(new Program("reorder-10", () -> reorder(9)));
    programs.add(new Program("twostage", () -> twostage(1)));
    programs.add(new Program("twostage-5", () -> twostage(5)));
    programs.add(new Program("wronglock", () -> wronglock(1)));
    programs.add(new Program("wronglock-3", () -> wronglock(3)));
    programs.add(new Program("stack", PlainBugPrograms::stack));
    programs.add(new Program("token-ring", PlainBugPrograms::tokenRing));
    programs.add(new Program("philosophers-2", () -> philosophers(2)));
    programs.add(new Program("philosophers-3", () -> philosophers(3)));
    programs.add(new Program("philosophers-5", () -> philosophers(5)));
    programs.add(new Program("bank-transfer", PlainBugPrograms::bankTransfer));
    programs.add(new Program("check-then-act-wait", PlainBugPrograms::checkThenActAcrossAWait));
    programs.add(new Program("lost-wakeup", PlainBugPrograms::lostWakeup));
    programs.add(new Program("double-checked-init", PlainBugPrograms::doubleCheckedInit));
    programs.add(new Program("unsafe-publication", PlainBugPrograms::unsafePublication));
    programs.add(new Program("counter-3", PlainBugPrograms::counter3));
    programs.add(new Program("order-violation", PlainBugPrograms::orderViolation));
    programs.add(new Program("handshake", PlainBugPrograms::handshake));
    programs.add(new Program("carter", PlainBugPrograms::carter));
    return programs;
  }

  /** A shared int. */
  static final class Cell {
    volatile int value;

    Cell(int value) {
      this.value = value;
    }
  }

  /** A shared boolean. */
  static final class Flag {
    volatile boolean value;
  }

  /** A shared reference. */
  static final class Ref<T> {
    volatile T value;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  /** Starts one thread per body, as the original spawns one task each. */
  private static List<Thread> start(List<Runnable> bodies) {
    List<Thread> threads = new ArrayList<>();
    for (Runnable body : bodies) {
      Thread t = new Thread(body);
      t.start();
      threads.add(t);
    }
    return threads;
  }

  private static void joinAll(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join();
    }
  }

  private static List<Runnable> times(int n, Runnable body) {
    List<Runnable> bodies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bodies.add(body);
    }
    return bodies;
  }

  // ---------------------------------------------------------------------------------------------

  /** Two deposits of 10 read the balance, then write it back: one is lost. */
  static void account() throws InterruptedException {
    Cell balance = new Cell(100);
    joinAll(start(times(2, () -> {
      int read = balance.value;
      balance.value = read + 10;
    })));
    check(balance.value == 120, "balance " + balance.value + ", expected 120");
  }

  /**
   * A driver's stop sets a flag, then waits for pending I/O to drain and frees the device; an I/O
   * call checks the flag, then increments the pending count: it can use a freed device.
   */
  static void bluetooth() throws InterruptedException {
    Flag stopping = new Flag();
    Flag stopped = new Flag();
    Cell pending = new Cell(1);
    Runnable io = () -> {
      if (!stopping.value) {
        pending.value = pending.value + 1;
        check(!stopped.value, "I/O on a stopped device");
        pending.value = pending.value - 1;
      }
    };
    Runnable stop = () -> {
      stopping.value = true;
      pending.value = pending.value - 1;
      if (pending.value == 0) {
        stopped.value = true;
      }
    };
    joinAll(start(List.of(io, stop)));
  }

  /** Two producers check that the buffer has room, then add: the buffer overflows. */
  static void circularBuffer() throws InterruptedException {
    int capacity = 2;
    Cell count = new Cell(1);
    joinAll(start(times(2, () -> {
      if (count.value < capacity) {
        count.value = count.value + 1;
      }
    })));
    check(count.value <= capacity, "count " + count.value + " over capacity " + capacity);
  }

  /** Two threads see the instance unset and both create it. */
  static void lazyInit() throws InterruptedException {
    Ref<Object> instance = new Ref<>();
    Cell created = new Cell(0);
    joinAll(start(times(2, () -> {
      if (instance.value == null) {
        created.value = created.value + 1;
        instance.value = new Object();
      }
    })));
    check(created.value == 1, created.value + " instances created");
  }

  /** An enqueue and a dequeue update the size without a lock. */
  static void queue() throws InterruptedException {
    Cell size = new Cell(1);
    Runnable enq = () -> {
      int s = size.value;
      size.value = s + 1;
    };
    Runnable deq = () -> {
      int s = size.value;
      size.value = s - 1;
    };
    joinAll(start(List.of(enq, deq)));
    check(size.value == 1, "size " + size.value + ", expected 1");
  }

  /** Setters write a then b; a checker that sees b set but a not has seen them reordered. */
  static void reorder(int setters) throws InterruptedException {
    Cell a = new Cell(0);
    Cell b = new Cell(0);
    List<Runnable> bodies = new ArrayList<>(times(setters, () -> {
      a.value = 1;
      b.value = -1;
      b.value = 0;
      a.value = 0;
    }));
    bodies.add(() -> {
      int seenA = a.value;
      int seenB = b.value;
      check(!(seenA == 0 && seenB == -1), "saw b set without a");
    });
    joinAll(start(bodies));
  }

  /** An updater writes data1 then data2; a reader between the stages sees them disagree. */
  static void twostage(int updaters) throws InterruptedException {
    Cell data1 = new Cell(0);
    Cell data2 = new Cell(0);
    ReentrantLock lock1 = new ReentrantLock();
    ReentrantLock lock2 = new ReentrantLock();
    List<Runnable> bodies = new ArrayList<>(times(updaters, () -> {
      lock1.lock();
      data1.value = 1;
      lock1.unlock();
      lock2.lock();
      data2.value = data1.value + 1;
      lock2.unlock();
    }));
    bodies.add(() -> {
      lock1.lock();
      int d1 = data1.value;
      lock1.unlock();
      if (d1 != 0) {
        lock2.lock();
        int d2 = data2.value;
        lock2.unlock();
        check(d2 == d1 + 1, "data2 " + d2 + " with data1 " + d1);
      }
    });
    joinAll(start(bodies));
  }

  /** One thread adds under lock A, others subtract under lock B: the field is unguarded. */
  static void wronglock(int wrong) throws InterruptedException {
    Cell x = new Cell(0);
    ReentrantLock a = new ReentrantLock();
    ReentrantLock b = new ReentrantLock();
    List<Runnable> bodies = new ArrayList<>();
    bodies.add(() -> {
      a.lock();
      int v = x.value;
      x.value = v + wrong;
      a.unlock();
    });
    bodies.addAll(times(wrong, () -> {
      b.lock();
      int v = x.value;
      x.value = v - 1;
      b.unlock();
    }));
    joinAll(start(bodies));
    check(x.value == 0, "x " + x.value + ", expected 0");
  }

  /** A push and a pop race on the top index: the pop takes what was never pushed. */
  static void stack() throws InterruptedException {
    AtomicIntegerArray items = new AtomicIntegerArray(4);
    Cell top = new Cell(0);
    Runnable push = () -> {
      int t = top.value;
      top.value = t + 1;
      items.set(t, 42);
    };
    Runnable pop = () -> {
      if (top.value > 0) {
        int v = items.get(top.value - 1);
        check(v == 42, "popped " + v + " before it was pushed");
      }
    };
    joinAll(start(List.of(push, pop)));
  }

  /** Three stations pass a token by reading and writing a shared slot without a lock. */
  static void tokenRing() throws InterruptedException {
    Cell holder = new Cell(0);
    Cell holders = new Cell(0);
    List<Runnable> bodies = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      int me = s;
      bodies.add(() -> {
        if (holder.value == me) {
          holders.value = holders.value + 1;
          int seen = holders.value;
          check(seen == 1, seen + " stations hold the token");
          holder.value = (me + 1) % 3;
          holders.value = holders.value - 1;
        }
      });
    }
    joinAll(start(bodies));
  }

  /** Philosophers each take their left fork, then their right: all hold one, all wait. */
  static void philosophers(int n) throws InterruptedException {
    List<ReentrantLock> forks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      forks.add(new ReentrantLock());
    }
    List<Runnable> bodies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ReentrantLock left = forks.get(i);
      ReentrantLock right = forks.get((i + 1) % n);
      bodies.add(() -> {
        left.lock();
        right.lock();
        right.unlock();
        left.unlock();
      });
    }
    joinAll(start(bodies));
  }

  /** Two transfers lock their accounts in opposite orders. */
  static void bankTransfer() throws InterruptedException {
    ReentrantLock from = new ReentrantLock();
    ReentrantLock to = new ReentrantLock();
    Runnable t1 = () -> {
      from.lock();
      to.lock();
      to.unlock();
      from.unlock();
    };
    Runnable t2 = () -> {
      to.lock();
      from.lock();
      from.unlock();
      to.unlock();
    };
    joinAll(start(List.of(t1, t2)));
  }

  /** Two threads find a key missing, each awaits a slow load, each puts: the load runs twice. */
  static void checkThenActAcrossAWait() throws InterruptedException {
    // A plain map, as the original's: its accesses are not scheduling points there either.
    Map<String, Integer> cache = new HashMap<>();
    Cell loads = new Cell(0);
    joinAll(start(times(2, () -> {
      if (!cache.containsKey("k")) {
        Cell loaded = new Cell(0);
        Thread load = new Thread(() -> {
          loads.value = loads.value + 1;
          loaded.value = 7;
        });
        load.start();
        try {
          load.join();
        } catch (InterruptedException e) {
          throw new IllegalStateException("interrupted while awaiting the load", e);
        }
        cache.put("k", loaded.value);
      }
    })));
    check(loads.value == 1, "loaded " + loads.value + " times");
  }

  /**
   * A waiter checks a ready flag and, if unset, waits for a signal; the signaller sets the flag and
   * signals only if someone waits: between the check and the wait the signal is lost.
   */
  static void lostWakeup() throws InterruptedException {
    Flag ready = new Flag();
    Flag waiting = new Flag();
    SynchronousQueue<Boolean> signal = new SynchronousQueue<>();
    Runnable waiter = () -> {
      if (!ready.value) {
        waiting.value = true;
        takeUninterruptibly(signal);
      }
    };
    Runnable signaller = () -> {
      ready.value = true;
      if (waiting.value) {
        putUninterruptibly(signal, true);
      }
    };
    joinAll(start(List.of(waiter, signaller)));
  }

  /** The instance is published, then its field set; a second thread takes the half-built one. */
  static void doubleCheckedInit() throws InterruptedException {
    Ref<Cell> instance = new Ref<>();
    ReentrantLock lock = new ReentrantLock();
    joinAll(start(times(2, () -> {
      if (instance.value == null) {
        lock.lock();
        if (instance.value == null) {
          Cell made = new Cell(0);
          instance.value = made;
          made.value = 42;
        }
        lock.unlock();
      }
      check(instance.value.value == 42, "used a half-built instance");
    })));
  }

  /** A config object is put in a shared field before its fields are filled in. */
  static void unsafePublication() throws InterruptedException {
    final class Config {
      volatile int first;
      volatile int second;
    }
    Ref<Config> shared = new Ref<>();
    Runnable writer = () -> {
      Config config = new Config();
      shared.value = config;
      config.first = 1;
      config.second = 2;
    };
    Runnable reader = () -> {
      Config seen = shared.value;
      if (seen != null) {
        check(seen.first + seen.second == 3, "read a config before it was filled in");
      }
    };
    joinAll(start(List.of(writer, reader)));
  }

  /** Three threads increment a counter with a read and a write. */
  static void counter3() throws InterruptedException {
    Cell counter = new Cell(0);
    joinAll(start(times(3, () -> {
      int v = counter.value;
      counter.value = v + 1;
    })));
    check(counter.value == 3, "counter " + counter.value + ", expected 3");
  }

  /** The creator starts the user first, then sets up the resource it uses. */
  static void orderViolation() throws InterruptedException {
    Ref<Object> resource = new Ref<>();
    Thread user = new Thread(
        () -> check(resource.value != null, "used the resource before it was set up"));
    user.start();
    resource.value = new Object();
    user.join();
  }

  /** Each side sends its hello before it receives the other's, on unbuffered queues. */
  static void handshake() throws InterruptedException {
    SynchronousQueue<String> toB = new SynchronousQueue<>();
    SynchronousQueue<String> toA = new SynchronousQueue<>();
    Runnable a = () -> {
      putUninterruptibly(toB, "hello from a");
      takeUninterruptibly(toA);
    };
    Runnable b = () -> {
      if (toB.poll() == null) {
        putUninterruptibly(toA, "hello from b");
        takeUninterruptibly(toB);
      } else {
        putUninterruptibly(toA, "hello from b");
      }
    };
    joinAll(start(List.of(a, b)));
  }

  /**
   * A thread holds lock m while it waits for a done signal that another thread sends only after it
   * takes m (carter01's shape): a deadlock when the waiter takes m first.
   */
  static void carter() throws InterruptedException {
    ReentrantLock m = new ReentrantLock();
    ArrayBlockingQueue<Boolean> done = new ArrayBlockingQueue<>(1);
    Runnable waiter = () -> {
      m.lock();
      takeUninterruptibly(done);
      m.unlock();
    };
    Runnable finisher = () -> {
      m.lock();
      m.unlock();
      putUninterruptibly(done, true);
    };
    joinAll(start(List.of(waiter, finisher)));
  }

  // Nothing interrupts these threads; a Runnable cannot throw InterruptedException, so one that
  // did arrive would be a fault of the harness, reported as such rather than swallowed.

  private static <T> T takeUninterruptibly(BlockingQueue<T> q) {
    try {
      return q.take();
    } catch (InterruptedException e) {
      throw new IllegalStateException("interrupted in take", e);
    }
  }

  private static <T> void putUninterruptibly(BlockingQueue<T> q, T item) {
    try {
      q.put(item);
    } catch (InterruptedException e) {
      throw new IllegalStateException("interrupted in put", e);
    }
  }
}
