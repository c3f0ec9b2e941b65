package io.execmodels.examples.goports;

import io.execmodels.core.Channel;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.csp.Cond;
import io.execmodels.csp.Mutex;
import io.execmodels.csp.RWMutex;
import io.execmodels.csp.WaitGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code examples/src/main/go/mutex/main.go} on {@code csp}: {@link Mutex} as Go's {@code
 * sync.Mutex}, guarding a counter of a hundred goroutines, failing {@code TryLock} by its holder,
 * and unlocked by another goroutine; {@link RWMutex} shared by readers and excluding them for a
 * writer; {@link Cond}'s broadcast.
 */
public final class MutexPort {
  private MutexPort() {}

  /** What the program prints. */
  static List<String> output(ExecutionModel model) throws Exception {
    return model.run(ctx -> {
      List<String> out = new ArrayList<>();
      Mutex mu = new Mutex("mu");
      int[] counter = {0};
      WaitGroup wg = new WaitGroup();
      for (int i = 0; i < 100; i++) {
        wg.add(1);
        ctx.go(c -> {
          try {
            for (int n = 0; n < 100; n++) {
              mu.lock(c);
              counter[0]++;
              mu.unlock();
            }
          } finally {
            wg.done();
          }
          return null;
        });
      }
      wg.await(ctx);
      out.add("counter " + counter[0]);

      mu.lock(ctx);
      out.add("TryLock by the holder: " + mu.tryLock(ctx));
      Channel<Boolean> done = ctx.channel(0);
      ctx.go(c -> {
        mu.unlock();
        done.send(true);
        return null;
      });
      done.receive();
      out.add("unlocked by another goroutine, TryLock: " + mu.tryLock(ctx));
      mu.unlock();

      RWMutex rw = new RWMutex("rw");
      rw.rlock(ctx);
      out.add("second reader, TryRLock: " + rw.tryRLock(ctx));
      out.add("writer while read, TryLock: " + rw.tryLock(ctx));
      rw.runlock(ctx);
      rw.runlock(ctx);
      out.add("writer once the readers left, TryLock: " + rw.tryLock(ctx));
      out.add("reader while written, TryRLock: " + rw.tryRLock(ctx));
      rw.unlock(ctx);

      Cond cond = new Cond(mu, "ready");
      boolean[] ready = {false};
      int[] woken = {0};
      WaitGroup all = new WaitGroup();
      for (int i = 0; i < 3; i++) {
        all.add(1);
        ctx.go(c -> {
          try {
            mu.lock(c);
            while (!ready[0]) {
              cond.await(c);
            }
            woken[0]++;
            mu.unlock();
          } finally {
            all.done();
          }
          return null;
        });
      }
      mu.lock(ctx);
      ready[0] = true;
      cond.broadcast();
      mu.unlock();
      all.await(ctx);
      out.add("woken by Broadcast: " + woken[0]);
      return out;
    });
  }

  /** Runs it on {@code csp} and prints what Go's prints. */
  public static void main(String[] args) throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      output(model).forEach(System.out::println);
    }
  }
}
