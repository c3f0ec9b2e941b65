package io.execmodels.multiprocess.internal;

import static io.execmodels.multiprocess.internal.Graphs.nested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.multiprocess.RemoteTaskException;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile bytes meet the graph limits before they can allocate or recurse: each ends in a {@link
 * FrameException} naming the limit, never in an {@code Error} on the reading thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PayloadLimitsTest {

  private final Payloads payloads = new Payloads("");

  /** Encodes on a thread with a stack large enough for any graph these tests build. */
  private static byte[] encodeOnABigStack(Object value) throws Exception {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        out.set(Payloads.encode(value));
      } catch (Throwable e) {
        out.set(e);
      }
    }, "big-stack-encoder", 1L << 30);
    t.start();
    t.join();
    if (out.get() instanceof Throwable e) {
      throw new AssertionError("could not build the hostile payload", e);
    }
    return (byte[]) out.get();
  }

  @Test
  void aLongArrayClaimingTwoBillionElementsIsRefusedBeforeItIsAllocated() throws Exception {
    // A real long[1], cut after its length field, whose length then claims 0x7ffffff0 elements:
    // a payload of a few dozen bytes that would ask for 16 GiB.
    byte[] honest = Payloads.encode(new long[] {42L});
    byte[] hostile = Arrays.copyOf(honest, honest.length - Long.BYTES);
    ByteBuffer.wrap(hostile).putInt(hostile.length - Integer.BYTES, 0x7ffffff0);
    assertThat(hostile.length).isLessThan(64);

    assertThatThrownBy(() -> payloads.decode(hostile, 0, hostile.length))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("an array of " + 0x7ffffff0 + " elements")
        .hasMessageContaining("maxarray");
  }

  @Test
  void aListNestedFiftyThousandDeepIsRefusedAtTheDepthLimit() throws Exception {
    byte[] hostile = encodeOnABigStack(nested(50_000));
    assertThatThrownBy(() -> payloads.decode(hostile, 0, hostile.length))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("nested more than " + Payloads.MAX_DEPTH + " deep (maxdepth)");
  }

  /**
   * Sets nested 100 deep, each holding the same two sets of the level below: a few KiB whose
   * reading hashes 2^100 times (the "SerialDOS" bomb), within every count limit.
   */
  private static java.util.Set<Object> hashSetBomb() {
    java.util.Set<Object> root = new java.util.HashSet<>();
    java.util.Set<Object> s1 = root;
    java.util.Set<Object> s2 = new java.util.HashSet<>();
    for (int i = 0; i < 100; i++) {
      java.util.Set<Object> t1 = new java.util.HashSet<>();
      java.util.Set<Object> t2 = new java.util.HashSet<>();
      t1.add("foo"); // makes t1 unequal to t2
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    return root;
  }

  @Test
  void aHashSetBombIsStoppedByTheDecodingTimeBudget() throws Exception {
    byte[] bomb = encodeOnABigStack(hashSetBomb());
    assertThat(bomb.length).isLessThan(8 * 1024);
    long start = System.nanoTime();
    assertThatThrownBy(() -> payloads.decode(bomb, 0, bomb.length))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("(maxtime)");
    assertThat(System.nanoTime() - start).as("stopped within a few budgets")
        .isLessThan(TimeUnit.SECONDS.toNanos(30));
  }

  @Test
  void aGraphWithinTheLimitsStillCrosses() throws Exception {
    List<Object> deep = nested((int) Payloads.MAX_DEPTH - 8);
    byte[] bytes = Payloads.encode(deep);
    assertThat(payloads.decode(bytes, 0, bytes.length)).isEqualTo(deep);
    long[] wide = new long[100_000];
    Arrays.fill(wide, 7L);
    byte[] wideBytes = Payloads.encode(wide);
    assertThat((long[]) payloads.decode(wideBytes, 0, wideBytes.length)).isEqualTo(wide);
  }

  @Test
  void aGraphTooDeepToSerializeIsANotSerializableExceptionNotAStackOverflow() {
    assertThatThrownBy(() -> Payloads.encode(nested(1_000_000)))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("nested too deeply to serialize");
  }

  @Test
  void aFailureWithAThousandCausesCrossesAsADescriptionOfTheFirstFew() throws Exception {
    Throwable failure = new IllegalStateException("cause 1000");
    for (int i = 999; i >= 0; i--) {
      failure = new IllegalStateException("cause " + i, failure);
    }
    byte[] body = Failures.encode(failure);

    Throwable back = Failures.decode(payloads, body, 0);

    assertThat(back).isInstanceOf(RemoteTaskException.class)
        .hasMessageStartingWith("java.lang.IllegalStateException: cause 0");
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = back; t != null; t = t.getCause()) {
      chain.add(t);
    }
    int kept = RemoteTaskException.MAX_CAUSES + 1;
    assertThat(chain).hasSize(kept);
    assertThat(chain.get(kept - 1)).hasMessageContaining("cause " + (kept - 1))
        .hasMessageContaining("[" + (1001 - kept) + " deeper causes not sent]");
  }
}
