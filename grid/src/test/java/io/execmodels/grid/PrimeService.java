package io.execmodels.grid;

import io.execmodels.core.Ctx;
import io.execmodels.core.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * A model-agnostic service, written against {@link Ctx} only: it counts the primes below a bound
 * in chunks, one task per chunk, each chunk a {@code compute} job, and notes which process ran
 * each chunk. On {@code grid} the chunks run on the cluster's members.
 */
final class PrimeService {

  /** The primes below the bound, and the process ids that counted them. */
  record Count(long primes, List<Long> pids) {}

  private PrimeService() {}

  static Count countPrimes(Ctx ctx, int bound, int chunks) throws Exception {
    List<Task<long[]>> tasks = new ArrayList<>();
    int step = (bound + chunks - 1) / chunks;
    for (int from = 0; from < bound; from += step) {
      int lo = from;
      int hi = Math.min(bound, from + step);
      tasks.add(ctx.spawn(c -> c.compute(() -> new long[] {primesIn(lo, hi),
          ProcessHandle.current().pid()})));
    }
    long primes = 0;
    List<Long> pids = new ArrayList<>();
    for (long[] r : ctx.awaitAll(tasks)) {
      primes += r[0];
      pids.add(r[1]);
    }
    return new Count(primes, pids);
  }

  /** The primes in [lo, hi), by trial division: slow enough to be a CPU job. */
  static long primesIn(int lo, int hi) {
    long n = 0;
    for (int k = Math.max(lo, 2); k < hi; k++) {
      boolean prime = true;
      for (int d = 2; (long) d * d <= k; d++) {
        if (k % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        n++;
      }
    }
    return n;
  }
}
