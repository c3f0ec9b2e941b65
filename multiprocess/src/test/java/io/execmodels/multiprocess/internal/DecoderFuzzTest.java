package io.execmodels.multiprocess.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of everything that reads bytes from another process: valid frames, values and
 * failures, then truncated, bit-flipped, spliced and random versions of them. Each decode either
 * succeeds or fails with the decoder's own {@link FrameException} (or, for a frame cut short, an
 * {@link IOException}); no other exception and no {@code Error} escapes, which is what keeps a
 * pool's reader thread alive. A failure names the seed and the case, so it replays.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DecoderFuzzTest {

  private static final long SEED = 0x5eed_f00dL;
  private static final int CASES = 3_000;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  private final Payloads payloads = new Payloads("");

  /**
   * What decoding {@code length} untrusted bytes may allocate: a fixed allowance for the streams
   * and class descriptors, plus a constant per byte (an honest array has at most one element per
   * byte). A payload that claims a huge array must be refused before the array is allocated.
   */
  private static long allocationBound(int length) {
    return (4L << 20) + 256L * length;
  }

  private static List<byte[]> valueCorpus() throws IOException {
    List<byte[]> corpus = new ArrayList<>();
    Map<String, Object> map = new HashMap<>();
    map.put("a", List.of(1, 2, 3));
    map.put("b", new TreeMap<>(Map.of("x", 1.5, "y", -2.0)));
    Object[] values = {
        null, 42, -7L, 3.25, true, "héllo", new Object[] {1, "two", 3L, null},
        new ArrayList<>(List.of("p", "q", List.of("r"))), map,
        new LinkedHashSet<>(List.of(1, 2, 3)), new long[] {1, 2, 3, 4}, new int[64],
        Duration.ofMillis(1500), new StringBuilder("sb"), new IllegalStateException("boom")};
    for (Object v : values) {
      corpus.add(Values.encode(v));
    }
    return corpus;
  }

  private static List<byte[]> failureCorpus() throws IOException {
    return List.of(
        Failures.encode(new IllegalArgumentException("bad", new IOException("io"))),
        Failures.encode(new RuntimeException((String) null)),
        Failures.encode(new Error("an error")));
  }

  /** One hostile variant of {@code seed}: cut, flipped, spliced, or random bytes. */
  private static byte[] mutate(byte[] seed, byte[] other, SplittableRandom random) {
    switch (random.nextInt(5)) {
      case 0: // truncated
        return Arrays.copyOf(seed, random.nextInt(seed.length + 1));
      case 1: { // a few bits flipped
        byte[] b = seed.clone();
        for (int i = random.nextInt(1, 9); i > 0 && b.length > 0; i--) {
          int at = random.nextInt(b.length);
          b[at] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      case 2: { // a 4-byte field overwritten with an extreme value (lengths, counts)
        byte[] b = seed.clone();
        if (b.length >= 4) {
          int at = random.nextInt(b.length - 3);
          int[] extremes = {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7ffffff0, 1 << 20, 0};
          ByteBuffer.wrap(b).putInt(at, extremes[random.nextInt(extremes.length)]);
        }
        return b;
      }
      case 3: { // the head of one valid payload and the tail of another
        int cut = random.nextInt(seed.length + 1);
        int from = random.nextInt(other.length + 1);
        byte[] b = Arrays.copyOf(seed, cut + other.length - from);
        System.arraycopy(other, from, b, cut, other.length - from);
        return b;
      }
      default: { // random bytes
        byte[] b = new byte[random.nextInt(0, 256)];
        random.nextBytes(b);
        return b;
      }
    }
  }

  @Test
  void mutatedValuesAndFailuresDecodeOrFailWithAFrameExceptionOnlyAndAllocateInProportion()
      throws Exception {
    assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
    THREADS.setThreadAllocatedMemoryEnabled(true);
    List<byte[]> values = valueCorpus();
    List<byte[]> failures = failureCorpus();
    SplittableRandom random = new SplittableRandom(SEED);
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      boolean failure = random.nextInt(4) == 0;
      List<byte[]> corpus = failure ? failures : values;
      byte[] hostile = mutate(corpus.get(random.nextInt(corpus.size())),
          corpus.get(random.nextInt(corpus.size())), random);
      long before = THREADS.getCurrentThreadAllocatedBytes();
      try {
        if (failure) {
          if (hostile.length >= 4) {
            Failures.decode(payloads, hostile, 0);
          }
        } else {
          Values.decode(payloads, hostile, 0, hostile.length);
        }
      } catch (FrameException expected) {
        refused++;
      } catch (Throwable t) {
        throw new AssertionError("seed " + SEED + ", case " + i + ": a "
            + t.getClass().getName() + " escaped the decoder for "
            + Arrays.toString(hostile), t);
      }
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
      assertThat(allocated).as("seed %s, case %s: bytes allocated decoding %s bytes", SEED, i,
          hostile.length).isLessThanOrEqualTo(allocationBound(hostile.length));
    }
    // Most mutations break the bytes; a fuzzer whose cases all decode is not fuzzing.
    assertThat(refused).isGreaterThan(CASES / 4);
  }

  @Test
  void mutatedFramesAreReadOrRefusedWithoutAllocatingPastTheLimit() throws Exception {
    int limit = 1 << 16;
    List<byte[]> frames = new ArrayList<>();
    for (byte[] v : valueCorpus()) {
      ByteBuffer f = Frames.taskFrame(Frames.RESULT, 7L, v);
      byte[] b = new byte[f.remaining()];
      f.get(b);
      frames.add(b);
    }
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < CASES; i++) {
      byte[] hostile = mutate(frames.get(random.nextInt(frames.size())),
          frames.get(random.nextInt(frames.size())), random);
      try {
        Frames.read(new DataInputStream(new ByteArrayInputStream(hostile)), limit);
      } catch (IOException expected) {
        // A frame over the limit or cut short: refused before its body is allocated.
      } catch (Throwable t) {
        throw new AssertionError("seed " + (SEED + 1) + ", case " + i + ": a "
            + t.getClass().getName() + " escaped Frames.read for " + Arrays.toString(hostile), t);
      }
    }
  }
}
