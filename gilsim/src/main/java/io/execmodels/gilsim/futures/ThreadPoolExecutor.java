package io.execmodels.gilsim.futures;

import io.execmodels.core.Job;
import io.execmodels.gilsim.Gil;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code concurrent.futures.ThreadPoolExecutor}: up to {@code maxWorkers} platform threads that
 * run tasks as CPython threads do, under one {@link Gil}.
 *
 * <p><b>The GIL.</b> The GIL of the thread that builds the executor ({@link Gil#current()}) if it
 * runs under one (a {@code gil-threads} task, a {@code threading} thread), else the one given to
 * {@link Builder#gil}, else a fresh {@link Gil#create()}. Each worker lives its whole life inside
 * {@link Gil#runAsThread}, and waits for work with the GIL released. So tasks that call {@code
 * Gil.current().checkpoint()} in their loops share one core as CPython's threads do (CPU-bound
 * tasks get no speed-up), and tasks that block (with the GIL released) overlap.
 *
 * <p><b>Workers</b> start lazily: a submit first hands its task to an idle worker if there is one,
 * and starts a new worker only when none is idle and fewer than {@code maxWorkers} exist. They are
 * named {@code <prefix>_<n>} ({@code ThreadPoolExecutor-<k>_<n>} by default) and are daemon
 * threads: call {@link #shutdown} (or use try-with-resources) to let queued work finish.
 *
 * <p><b>Initializer.</b> Each worker runs it before its first task. If it throws, the pool is
 * broken: the failure is logged ({@code "Exception in initializer:"}), every queued future fails
 * with {@link BrokenThreadPool} ({@code "A thread initializer failed, the thread pool is not usable
 * anymore"}), and so does every later submit.
 *
 * <p>Thread-safe. Tasks are taken in submission order.
 */
public final class ThreadPoolExecutor implements Executor {
  private static final System.Logger LOG = System.getLogger("io.execmodels.gilsim.futures");
  /** Numbers the default prefixes, as CPython's class counter does. */
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final int maxWorkers;
  private final String prefix;
  private final Initializer initializer;
  private final Gil gil;
  private final LinkedBlockingQueue<WorkItem<?>> queue = new LinkedBlockingQueue<>();
  /** One permit per worker waiting for work: a submit takes one instead of starting a thread. */
  private final Semaphore idle = new Semaphore(0);

  // Guarded by this.
  private final List<Thread> threads = new ArrayList<>();
  private boolean shutdown;
  private BrokenThreadPool broken;

  private ThreadPoolExecutor(Builder b) {
    this.maxWorkers = b.maxWorkers;
    this.prefix = b.prefix != null ? b.prefix : "ThreadPoolExecutor-" + POOLS.getAndIncrement();
    this.initializer = b.initializer;
    Gil current = Gil.current();
    this.gil = current != null ? current : b.gil != null ? b.gil : Gil.create();
  }

  /** An executor with {@link #defaultMaxWorkers()} workers, no initializer. */
  public ThreadPoolExecutor() {
    this(builder());
  }

  /**
   * An executor with up to {@code maxWorkers} workers.
   *
   * @param maxWorkers the most workers; at least 1
   * @throws IllegalArgumentException if {@code maxWorkers <= 0} ({@code "max_workers must be
   *     greater than 0"})
   */
  public ThreadPoolExecutor(int maxWorkers) {
    this(builder().maxWorkers(maxWorkers));
  }

  /**
   * CPython 3.8+'s default: {@code min(32, cpu_count + 4)}.
   *
   * @return the default number of workers
   */
  public static int defaultMaxWorkers() {
    return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
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
   * The most workers this pool runs.
   *
   * @return the most workers
   */
  public int maxWorkers() {
    return maxWorkers;
  }

  /**
   * The GIL its workers run under.
   *
   * @return the workers' GIL
   */
  public Gil gil() {
    return gil;
  }

  /**
   * How many workers have been started and not ended.
   *
   * @return the number of live workers
   */
  public synchronized int workerCount() {
    threads.removeIf(t -> !t.isAlive());
    return threads.size();
  }

  @Override
  public <T> Future<T> submit(Job<T> fn) {
    Objects.requireNonNull(fn, "fn");
    synchronized (this) {
      if (broken != null) {
        throw new BrokenThreadPool(broken.getMessage(), broken.getCause());
      }
      if (shutdown) {
        throw new RejectedExecutionException(AFTER_SHUTDOWN);
      }
      Future<T> f = new Future<>();
      queue.add(new WorkItem<>(f, fn));
      adjustThreadCount();
      return f;
    }
  }

  /** Lets an idle worker take the task, or starts one if below the limit. Holds this. */
  private void adjustThreadCount() {
    if (idle.tryAcquire()) {
      return;
    }
    if (threads.size() < maxWorkers) {
      Thread t = new Thread(() -> gil.runAsThread(this::work), prefix + "_" + threads.size());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void work() {
    if (initializer != null) {
      try {
        initializer.run();
      } catch (Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "Exception in initializer:", t);
        initializerFailed(t);
        return;
      }
    }
    while (true) {
      WorkItem<?> item = take();
      if (item == WorkItem.SHUTDOWN) {
        queue.add(item); // for the next worker
        return;
      }
      item.run();
      idle.release();
    }
  }

  /** The next item, waiting with the GIL released; an interrupt does not end a worker. */
  private WorkItem<?> take() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return Gil.blockOn(queue::take);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void initializerFailed(Throwable cause) {
    List<WorkItem<?>> drained = new ArrayList<>();
    BrokenThreadPool failure;
    synchronized (this) {
      if (broken == null) {
        broken = new BrokenThreadPool(BrokenThreadPool.INITIALIZER_FAILED, cause);
      }
      failure = broken;
      queue.drainTo(drained);
      if (shutdown) {
        queue.add(WorkItem.SHUTDOWN); // other workers still need to see it
      }
    }
    for (WorkItem<?> item : drained) {
      if (item != WorkItem.SHUTDOWN) {
        item.future.failIfNotDone(new BrokenThreadPool(failure.getMessage(), cause));
      }
    }
  }

  @Override
  public void shutdown(boolean wait, boolean cancelFutures) {
    List<WorkItem<?>> drained = new ArrayList<>();
    List<Thread> toJoin;
    synchronized (this) {
      if (!shutdown) {
        shutdown = true;
        if (cancelFutures) {
          queue.drainTo(drained);
        }
        queue.add(WorkItem.SHUTDOWN);
      }
      toJoin = new ArrayList<>(threads);
    }
    for (WorkItem<?> item : drained) {
      item.future.cancel();
    }
    if (wait) {
      for (Thread t : toJoin) {
        if (t != Thread.currentThread()) {
          joinReleased(t);
        }
      }
    }
  }

  /** Waits for {@code t} with the GIL released; an interrupt is kept for after. */
  private static void joinReleased(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        Gil.blockOn(() -> {
          t.join();
          return null;
        });
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
   * CPython's keyword arguments: {@code max_workers}, {@code thread_name_prefix}, {@code
   * initializer}, and the GIL to use where the building thread runs under none. Not thread-safe.
   */
  public static final class Builder {
    private int maxWorkers = defaultMaxWorkers();
    private String prefix;
    private Initializer initializer;
    private Gil gil;

    private Builder() {}

    /**
     * The most workers (default {@link #defaultMaxWorkers()}).
     *
     * @param n the most workers; at least 1
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
     * The workers' name prefix; they are named {@code <prefix>_<n>}.
     *
     * @param prefix the workers' name prefix
     * @return this builder
     */
    public Builder threadNamePrefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /**
     * Run by each worker before its first task; null for none.
     *
     * @param initializer run by each worker first; {@code null} for none
     * @return this builder
     */
    public Builder initializer(Initializer initializer) {
      this.initializer = initializer;
      return this;
    }

    /**
     * The GIL, used only if the thread calling {@link #build} runs under none.
     *
     * @param gil the workers' GIL, if the building thread runs under none
     * @return this builder
     */
    public Builder gil(Gil gil) {
      this.gil = gil;
      return this;
    }

    /**
     * The executor. No thread starts before the first submit.
     *
     * @return the new executor
     */
    public ThreadPoolExecutor build() {
      return new ThreadPoolExecutor(this);
    }
  }
}
