package io.execmodels.gilsim.futures;

import io.execmodels.core.Job;
import io.execmodels.gilsim.Gil;
import io.execmodels.multiprocess.BrokenWorkerException;
import io.execmodels.multiprocess.PoolOptions;
import io.execmodels.multiprocess.SerializableFunction;
import io.execmodels.multiprocess.WorkerPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code concurrent.futures.ProcessPoolExecutor} on multiprocess's {@link WorkerPool}: tasks run
 * in child JVMs, one at a time each.
 *
 * <p><b>Tasks</b> cross the process boundary by Java serialization, under multiprocess's rules: a
 * {@link Job} lambda is serializable, and what it captures must be, and be on the allow-list
 * ({@link PoolOptions#allow}; {@code io.execmodels.**} and the JDK's value types are on it). A task
 * that does not serialize fails its future with {@link IllegalArgumentException} (CPython fails the
 * future with its pickling error too). A task's exception comes back as itself, carrying the
 * child's stack trace (or as multiprocess's {@code RemoteTaskException} if it cannot cross): the
 * cause of {@link Future#result}'s {@link java.util.concurrent.ExecutionException}, CPython's
 * exception with the {@code _RemoteTraceback} cause.
 *
 * <p><b>Start.</b> The children start in the background when the executor is built (a JVM takes a
 * few hundred milliseconds); tasks submitted meanwhile wait in submission order and are sent once
 * the children are ready. {@code submit} never waits for them.
 *
 * <p><b>States.</b> A future is {@link FutureState#PENDING} until it is done, unless a {@link
 * Future#cancel()} found a child already holding it: then it turns {@link FutureState#RUNNING} and
 * the cancel fails, as CPython's does for a task in its call queue.
 *
 * <p><b>Broken pool.</b> A child that dies (exit, kill -9) or whose initializer fails breaks the
 * pool: every pending and running future fails with {@link BrokenProcessPool} ({@link
 * BrokenProcessPool#TERMINATED_ABRUPTLY}, caused by multiprocess's {@link BrokenWorkerException}
 * naming the child and how it ended), and every later submit throws one ({@link
 * BrokenProcessPool#NOT_USABLE}).
 *
 * <p><b>Threads.</b> Thread-safe. Futures complete, and their callbacks run, on the pool's reader
 * threads (outside any GIL): keep callbacks short. {@code shutdown(wait=true)} returns once every
 * child is reaped and every thread of the pool has ended.
 */
public final class ProcessPoolExecutor implements Executor {

  private final int maxWorkers;
  private final Thread starter;

  // Guarded by this.
  private WorkerPool pool;
  /** Submitted before the pool was ready, in submission order. */
  private List<RemoteCall<?>> waiting = new ArrayList<>();
  private boolean shutdown;
  private boolean cancelOnShutdown;
  private BrokenWorkerException broken;

  private ProcessPoolExecutor(Builder b) {
    this.maxWorkers = b.maxWorkers;
    PoolOptions options = b.options.withWorkers(b.maxWorkers)
        .withMaxTasksPerChild(b.maxTasksPerChild);
    if (b.initializer != null) {
      options = options.withInitializer(initializerJob(b.initializer));
    }
    PoolOptions finalOptions = options;
    this.starter = new Thread(() -> start(finalOptions), "ProcessPoolExecutor-start");
    starter.setDaemon(true);
    starter.start();
  }

  /** An executor with as many children as processors. */
  public ProcessPoolExecutor() {
    this(builder());
  }

  /**
   * An executor with {@code maxWorkers} children.
   *
   * @param maxWorkers the number of child processes; at least 1
   * @throws IllegalArgumentException if {@code maxWorkers <= 0}
   */
  public ProcessPoolExecutor(int maxWorkers) {
    this(builder().maxWorkers(maxWorkers));
  }

  /**
   * A builder for CPython's keyword arguments.
   *
   * @return a new builder with CPython's defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The number of children.
   *
   * @return the number of children
   */
  public int maxWorkers() {
    return maxWorkers;
  }

  /**
   * The process ids of the children serving now; empty before they are ready.
   *
   * @return the pids of the children serving now
   */
  public synchronized List<Long> pids() {
    return pool == null ? List.of() : pool.pids();
  }

  private static Job<Void> initializerJob(Initializer initializer) {
    return () -> {
      initializer.run();
      return null;
    };
  }

  /** On the starter thread: starts the children, then sends what was submitted meanwhile. */
  private void start(PoolOptions options) {
    WorkerPool started = null;
    BrokenWorkerException failure = null;
    try {
      started = WorkerPool.start(options);
    } catch (BrokenWorkerException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new BrokenWorkerException("the process pool could not start: " + e, e);
    }
    List<RemoteCall<?>> toSend;
    boolean stop;
    boolean cancel;
    synchronized (this) {
      toSend = waiting;
      waiting = null;
      pool = started;
      if (failure != null) {
        broken = failure;
      }
      stop = shutdown;
      cancel = cancelOnShutdown;
      // Sent under the lock so that a submit racing with us cannot overtake them.
      if (started != null) {
        for (RemoteCall<?> call : toSend) {
          call.send(started);
        }
      }
    }
    if (failure != null) {
      for (RemoteCall<?> call : toSend) {
        call.fail(new BrokenProcessPool(BrokenProcessPool.TERMINATED_ABRUPTLY, failure));
      }
    } else if (stop) {
      started.shutdown(false, cancel);
    }
  }

  /** A child died: from now on submits throw. Called by {@link RemoteCall}. */
  synchronized void broke(BrokenWorkerException e) {
    if (broken == null) {
      broken = e;
    }
  }

  @Override
  public <T> Future<T> submit(Job<T> fn) {
    Objects.requireNonNull(fn, "fn");
    synchronized (this) {
      if (broken != null) {
        throw new BrokenProcessPool(BrokenProcessPool.NOT_USABLE, broken);
      }
      if (shutdown) {
        throw new RejectedExecutionException(AFTER_SHUTDOWN);
      }
      RemoteCall<T> call = new RemoteCall<>(this, fn);
      if (pool == null) {
        waiting.add(call);
      } else {
        call.send(pool);
      }
      return call.future;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here items go in chunks of {@code chunksize}, one task per chunk (the task applies {@code
   * fn} to each of its items in the child): fewer round trips for short tasks. A failure surfaces
   * when iteration reaches the first item of its chunk.
   *
   * @throws IllegalArgumentException if {@code chunksize < 1} ({@code "chunksize must be >= 1."})
   */
  @Override
  public <T, R> MapIterator<R> map(SerializableFunction<? super T, ? extends R> fn,
      Iterable<? extends T> items, Duration timeout, int chunksize) {
    Objects.requireNonNull(fn, "fn");
    Objects.requireNonNull(items, "items");
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be >= 1.");
    }
    long deadline = Deadlines.deadline(timeout);
    List<Future<Object[]>> fs = new ArrayList<>();
    ArrayList<T> chunk = new ArrayList<>(chunksize);
    for (T item : items) {
      chunk.add(item);
      if (chunk.size() == chunksize) {
        fs.add(submit(chunkJob(fn, chunk)));
        chunk = new ArrayList<>(chunksize);
      }
    }
    if (!chunk.isEmpty()) {
      fs.add(submit(chunkJob(fn, chunk)));
    }
    return new OrderedResults<>(fs, true, timeout, deadline);
  }

  /**
   * One chunk's task: captures only the function and the chunk, both serializable. Its results
   * come back as an array: multiprocess sends an array of boxed primitives and strings in its lean
   * encoding rather than by Java serialization, which a list would need.
   */
  private static <T, R> Job<Object[]> chunkJob(SerializableFunction<? super T, ? extends R> fn,
      ArrayList<T> chunk) {
    return () -> {
      Object[] out = new Object[chunk.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = fn.apply(chunk.get(i));
      }
      return out;
    };
  }

  @Override
  public void shutdown(boolean wait, boolean cancelFutures) {
    List<RemoteCall<?>> cancelled = List.of();
    WorkerPool p;
    synchronized (this) {
      shutdown = true;
      cancelOnShutdown |= cancelFutures;
      if (cancelFutures && waiting != null) {
        cancelled = waiting;
        waiting = new ArrayList<>();
      }
      p = pool;
    }
    for (RemoteCall<?> call : cancelled) {
      call.future.cancel();
    }
    if (p != null) {
      p.shutdown(false, cancelFutures);
    }
    if (!wait) {
      return;
    }
    blockUninterruptibly(() -> {
      starter.join();
      return null;
    });
    synchronized (this) {
      p = pool;
    }
    if (p != null) {
      WorkerPool finalPool = p;
      blockUninterruptibly(() -> {
        finalPool.shutdown(true, cancelFutures);
        return null;
      });
    }
  }

  /** Runs {@code wait} with the GIL released, through interrupts, which are kept for after. */
  private static void blockUninterruptibly(Gil.Wait<?> wait) {
    boolean interrupted = false;
    while (true) {
      try {
        Gil.blockOn(wait);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * CPython's keyword arguments: {@code max_workers}, {@code initializer}, {@code
   * max_tasks_per_child}, and multiprocess's {@link PoolOptions} for the rest (allow-list, JVM
   * options). Not thread-safe.
   */
  public static final class Builder {
    private int maxWorkers = Runtime.getRuntime().availableProcessors();
    private Initializer initializer;
    private int maxTasksPerChild;
    private PoolOptions options = PoolOptions.defaults();

    private Builder() {}

    /**
     * The number of children (default: processors).
     *
     * @param n the number of children; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code n <= 0}: {@code "max_workers must be greater
     *     than 0"}
     */
    public Builder maxWorkers(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("max_workers must be greater than 0");
      }
      maxWorkers = n;
      return this;
    }

    /**
     * Run once in each child before its first task; null for none.
     *
     * @param initializer run in each child first; {@code null} for none
     * @return this builder
     */
    public Builder initializer(Initializer initializer) {
      this.initializer = initializer;
      return this;
    }

    /**
     * Replace a child after it has run {@code k} tasks (a map chunk is one task).
     *
     * @param k tasks per child before it is replaced; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code k < 1}: {@code "max_tasks_per_child must be >=
     *     1"}
     */
    public Builder maxTasksPerChild(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("max_tasks_per_child must be >= 1");
      }
      maxTasksPerChild = k;
      return this;
    }

    /**
     * The base options of the underlying {@link WorkerPool}; workers and the rest set here win.
     *
     * @param options the pool's base options
     * @return this builder
     */
    public Builder poolOptions(PoolOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The executor; its children start in the background now.
     *
     * @return the new executor
     */
    public ProcessPoolExecutor build() {
      return new ProcessPoolExecutor(this);
    }
  }
}
