package io.execmodels.examples;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The peak heap of this JVM over a stretch of time: {@link #reset()} before, {@link #bytes()}
 * after. It is the sum of each heap pool's own peak (eden, survivor, old...), which the pools may
 * reach at different moments, so it bounds the true peak from above; and it follows the garbage
 * collector's sizing as much as the work's (a young generation fills before it is collected).
 * Child processes' memory is not in it ({@link ChildProcesses}).
 *
 * <p>Thread-safe, but the peaks are the JVM's, not a caller's: two stretches measured at once
 * would see each other's allocations.
 */
final class HeapPeak {
  private HeapPeak() {}

  /** Starts a stretch: every heap pool's peak drops to its current usage. */
  static void reset() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the last {@link #reset()}, in bytes. */
  static long bytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
