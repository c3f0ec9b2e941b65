package io.execmodels.multiprocess;

import java.util.concurrent.TimeUnit;

/**
 * A parent JVM for the orphan test: starts a pool of two, prints its children's pids on one line,
 * gives one of them a long task, and waits to be killed.
 */
public final class OrphanParent {

  private OrphanParent() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    WorkerPool pool = WorkerPool.start(PoolOptions.defaults().withWorkers(2));
    pool.submit(() -> {
      Thread.sleep(TimeUnit.MINUTES.toMillis(10));
      return null;
    });
    StringBuilder line = new StringBuilder("pids");
    for (long pid : pool.pids()) {
      line.append(' ').append(pid);
    }
    System.out.println(line);
    System.out.flush();
    Thread.sleep(TimeUnit.MINUTES.toMillis(10));
  }
}
