package io.execmodels.testkit.sim;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One thread that looks at every simulation with live tasks, every {@link #TICK}, for a task that
 * stalls (see {@link SimScheduler#checkStall()}). It starts with the first simulation to have a
 * live task and ends once none has, so a simulation costs no thread of its own. A platform thread:
 * a virtual one started from a task would inherit that simulation's carrier ({@link
 * SimOptions#withCarrier}), which the very task it should report may be holding.
 */
final class Watchdog {

  static final Duration TICK = Duration.ofMillis(20);

  private static final Object LOCK = new Object();
  private static final Set<SimScheduler> WATCHED = new LinkedHashSet<>();
  private static Thread thread;

  private Watchdog() {}

  static void watch(SimScheduler sim) {
    synchronized (LOCK) {
      WATCHED.add(sim);
      if (thread == null) {
        thread = Thread.ofPlatform().name("sim-watchdog").daemon(true).start(Watchdog::run);
      }
    }
  }

  static void unwatch(SimScheduler sim) {
    synchronized (LOCK) {
      WATCHED.remove(sim);
    }
  }

  private static void run() {
    while (true) {
      try {
        Thread.sleep(TICK);
      } catch (InterruptedException e) {
        // Nobody interrupts this thread on purpose; it checks and goes on.
      }
      List<SimScheduler> sims;
      synchronized (LOCK) {
        if (WATCHED.isEmpty()) {
          thread = null;
          return;
        }
        sims = List.copyOf(WATCHED);
      }
      for (SimScheduler sim : sims) {
        sim.checkStall();
      }
    }
  }
}
