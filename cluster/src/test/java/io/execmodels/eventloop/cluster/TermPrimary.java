package io.execmodels.eventloop.cluster;

import io.execmodels.eventloop.EventLoop;

/**
 * A primary for {@link PrimarySigtermTest}: forks two workers, prints {@code pid N} for each once
 * it is online, then {@code ready}, and runs until it is signalled.
 */
public final class TermPrimary {
  private TermPrimary() {}

  /** Runs the primary; its loop is held by its workers until the JVM is ended. */
  public static void main(String[] args) {
    EventLoop loop = new EventLoop();
    Cluster cluster = new Cluster(loop, ClusterSettings.of(EchoWorker.class));
    loop.run(() -> {
      int[] online = {0};
      cluster.on("online", a -> {
        System.out.println("pid " + ((ClusterWorker) a[0]).pid());
        if (++online[0] == 2) {
          System.out.println("ready");
        }
        System.out.flush();
      });
      cluster.fork();
      cluster.fork();
    });
  }
}
