package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MemoryFiguresTest {

  @Test
  void aParkedTaskOnVirtualThreadsCostsKilobytesOfHeapAndTheProbeParksTwoThousand() {
    try (ExecutionModel csp = ExecutionModels.open("csp")) {
      TaskMemory m = TaskMemory.probe("csp", csp);

      assertThat(m.problem()).isNull();
      assertThat(m.tasks()).isEqualTo(TaskMemory.VIRTUAL_TASKS);
      assertThat(m.platformThreads()).isFalse();
      // A goroutine is 2-8 KB in Go; a parked virtual thread with its task and channel waiter is
      // of that order. Bounds wide enough for any collector, narrow enough to catch a probe that
      // measures nothing (0) or everything (the whole heap over n).
      assertThat(m.bytesPerTask()).isBetween(200L, 64L * 1024);
      assertThat(csp.stats().parked()).as("the probe's tasks ended").isZero();
    }
  }

  @Test
  void onPlatformThreadsTheProbeSaysSoAndParksFewerTasks() {
    assumeTrue(ExecutionModels.available().contains("gil-threads"), "gil-threads on the path");
    try (ExecutionModel gil = ExecutionModels.open("gil-threads")) {
      TaskMemory m = TaskMemory.probe("gil-threads", gil);

      assertThat(m.problem()).isNull();
      assertThat(m.platformThreads()).isTrue();
      assertThat(m.tasks()).isEqualTo(TaskMemory.PLATFORM_TASKS);
      assertThat(m.bytesPerTask()).isPositive(); // its objects; the stack is off the heap
    }
  }

  @Test
  void thePeakHeapOfAStretchIncludesWhatWasAllocatedInIt() {
    HeapPeak.reset();
    long before = HeapPeak.bytes();
    byte[] held = new byte[32 * 1024 * 1024];
    long peak = HeapPeak.bytes();

    assertThat(held).hasSize(32 * 1024 * 1024);
    assertThat(peak - before).isGreaterThanOrEqualTo(held.length);
  }

  @Test
  void aProcessPoolsWorkersAreItsChildrenAndTheirPeakMemoryIsRead() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux's /proc, for VmHWM");
    ChildProcesses children = new ChildProcesses();
    try (ExecutionModel csp = ExecutionModels.open("csp");
        ExecutionModel pool = ExecutionModels.open("process-pool")) {
      Job<Long> job = () -> CpuBatch.countPrimes(0, 1_000);
      csp.run(ctx -> ctx.compute(job));
      children.attribute("csp");
      long primes = pool.run(ctx -> ctx.compute(job));
      assertThat(primes).isEqualTo(168L);
      children.attribute("process-pool");

      var usage = children.usage();
      assertThat(usage).doesNotContainKey("csp");
      assertThat(usage.get("process-pool").processes()).isPositive();
      assertThat(usage.get("process-pool").peakBytes()).as("a JVM's resident peak")
          .isGreaterThan(8L * 1024 * 1024);
    }
  }
}
