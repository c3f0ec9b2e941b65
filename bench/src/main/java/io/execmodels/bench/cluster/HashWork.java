package io.execmodels.bench.cluster;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The CPU endpoint's work, the twin of {@code cpuWork()} in the Node anchor's {@code server.js}:
 * {@code iterations} times, h = SHA-256(64 KiB block of 7s || h). {@link #main} calibrates it as
 * the anchor's {@code calibrate_cpu.js} does: after a warm-up, 15 timings of 20 iterations, and
 * the iterations that take the target time at the fastest of them (the minimum, not the median,
 * since other load only slows a timing down). Stateless; safe from any thread.
 */
public final class HashWork {

  private static final byte[] BLOCK = filled();

  private HashWork() {}

  private static byte[] filled() {
    byte[] b = new byte[64 * 1024];
    Arrays.fill(b, (byte) 7);
    return b;
  }

  /** Runs the work; returns the last digest (so that the JIT cannot drop it). */
  public static byte[] run(int iterations) {
    try {
      byte[] h = BLOCK;
      for (int i = 0; i < iterations; i++) {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(BLOCK);
        d.update(h);
        h = d.digest();
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Prints the iterations that take {@code args[0]} ms (default 2) on this machine, in this JVM's
   * options (run it with the workers' options, since C1 and C2 hash at different speeds).
   */
  public static void main(String[] args) {
    double target = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
    // Longer than the anchor's 200: the JIT must reach its final tier (SHA-256 intrinsics)
    // before the timings, and the worker is warmed by wrk's unmeasured run as well.
    for (int i = 0; i < 20; i++) {
      run(200);
    }
    double best = Double.MAX_VALUE;
    for (int r = 0; r < 15; r++) {
      long t0 = System.nanoTime();
      run(20);
      best = Math.min(best, (System.nanoTime() - t0) / 1e6 / 20);
    }
    System.out.println(Math.max(1, Math.round(target / best)));
  }
}
