package io.execmodels.examples;

import io.execmodels.core.Ctx;
import io.execmodels.core.Job;
import io.execmodels.core.Task;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A CPU-bound service: a batch split into {@code jobs} equal slices, each computed by its own
 * task — the workload that separates models with real parallelism from those without.
 *
 * <p>The batch counts the primes below {@code limit} by trial division, a pure computation with
 * no I/O and no allocation. Each slice is a {@link Job} handed to {@link Ctx#compute}, so each
 * model runs it where it runs CPU work (inline on its task on most models, in a worker process on
 * a process pool; the job captures only two {@code int}s, so it can be shipped). A job has no
 * {@link Ctx}, so it calls no {@link Ctx#checkpoint()}: how long it holds its thread is part of
 * what is compared.
 *
 * <p>{@link #expected()} counts the same primes with a sieve of Eratosthenes, a different
 * algorithm, in the calling thread.
 *
 * <p>What to look for: the wall time shrinks with the model's {@code parallelism} trait (up to the
 * machine's cores), and does not on a model whose parallelism is 1.
 */
public final class CpuBatch implements DemoService {

  private final int jobs;
  private final int limit;

  /** The primes below 1,000,000 (there are 78,498), in 8 jobs. */
  public CpuBatch() {
    this(8, 1_000_000);
  }

  /**
   * Counts the primes below {@code limit} in {@code jobs} slices.
   *
   * @throws IllegalArgumentException if {@code jobs} is less than 1 or {@code limit} negative
   */
  public CpuBatch(int jobs, int limit) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    this.jobs = jobs;
    this.limit = limit;
  }

  @Override
  public String name() {
    return "cpu-batch";
  }

  @Override
  public String workload() {
    return "primes < " + limit + " in " + jobs + " jobs";
  }

  @Override
  public long expected() {
    if (limit < 3) {
      return 0;
    }
    BitSet composite = new BitSet(limit);
    for (int p = 2; (long) p * p < limit; p++) {
      if (!composite.get(p)) {
        for (int m = p * p; m < limit; m += p) {
          composite.set(m);
        }
      }
    }
    return limit - 2 - composite.get(2, limit).cardinality();
  }

  @Override
  public long call(Ctx ctx) {
    List<Task<Long>> slices = new ArrayList<>(jobs);
    for (int j = 0; j < jobs; j++) {
      int from = (int) ((long) limit * j / jobs);
      int to = (int) ((long) limit * (j + 1) / jobs);
      Job<Long> slice = () -> countPrimes(from, to);
      slices.add(ctx.spawn("slice-" + j, c -> c.compute(slice)));
    }
    long total = 0;
    for (long count : ctx.awaitAll(slices)) {
      total += count;
    }
    return total;
  }

  /** The number of primes {@code p} with {@code from <= p < to}, by trial division. */
  static long countPrimes(int from, int to) {
    long count = 0;
    for (int n = Math.max(from, 2); n < to; n++) {
      if (isPrime(n)) {
        count++;
      }
    }
    return count;
  }

  private static boolean isPrime(int n) {
    if (n % 2 == 0) {
      return n == 2;
    }
    for (int d = 3; d <= n / d; d += 2) {
      if (n % d == 0) {
        return false;
      }
    }
    return true;
  }
}
