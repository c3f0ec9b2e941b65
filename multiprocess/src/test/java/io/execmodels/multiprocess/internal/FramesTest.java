package io.execmodels.multiprocess.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What either side does with the bytes it reads: frames and values, whole or broken. */
class FramesTest {

  private static DataInputStream stream(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void aFrameReadsBackAsItsKindAndPayloadAndTheStreamsEndAsNull() throws Exception {
    byte[] two = new byte[0];
    byte[] a = bytes(Frames.frame(Frames.READY, two));
    byte[] b = bytes(Frames.taskFrame(Frames.RESULT, 42L, new byte[] {7, 8}));
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    DataInputStream in = stream(both);
    assertThat(Frames.read(in, 1024)).containsExactly(Frames.READY);
    byte[] body = Frames.read(in, 1024);
    assertThat(body[0]).isEqualTo(Frames.RESULT);
    assertThat(Frames.id(body)).isEqualTo(42L);
    assertThat(Arrays.copyOfRange(body, 9, body.length)).containsExactly(7, 8);
    assertThat(Frames.read(in, 1024)).isNull();
  }

  @Test
  void aLengthOverTheLimitIsRefusedNamingBothWithoutAllocatingIt() {
    byte[] header = ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array();
    assertThatThrownBy(() -> Frames.read(stream(header), 1024))
        .isInstanceOf(FrameException.class)
        .hasMessage("frame of 2147483647 bytes is over the limit of 1024 bytes (maxFrameBytes)");
  }

  @Test
  void aNegativeOrZeroLengthIsACorruptFrame() {
    for (int length : new int[] {-1, 0}) {
      byte[] header = ByteBuffer.allocate(4).putInt(length).array();
      assertThatThrownBy(() -> Frames.read(stream(header), 1024))
          .isInstanceOf(FrameException.class).hasMessage("corrupt frame: length " + length);
    }
  }

  @Test
  void aStreamEndingInsideAFrameIsACorruptFrame() {
    byte[] cut = Arrays.copyOf(bytes(Frames.frame(Frames.RESULT, new byte[100])), 50);
    assertThatThrownBy(() -> Frames.read(stream(cut), 1024))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("stream ended inside a frame of 101 bytes");
    assertThatThrownBy(() -> Frames.read(stream(new byte[] {0, 0}), 1024))
        .isInstanceOf(FrameException.class)
        .hasMessageContaining("inside a frame's length");
  }

  @Test
  void valuesRoundTripInTheLeanEncodingAndOthersThroughSerialization() throws Exception {
    Payloads payloads = new Payloads("");
    Object[] values = {null, 1, -2L, 3.5, true, "héllo", List.of(1, 2), new int[] {4}};
    byte[] encoded = Values.encode(values);
    Object[] back = (Object[]) Values.decode(payloads, encoded, 0, encoded.length);
    assertThat(back).hasSize(values.length);
    assertThat(Arrays.copyOf(back, 7)).containsExactly(Arrays.copyOf(values, 7));
    assertThat((int[]) back[7]).containsExactly(4);
  }

  @Test
  void garbageIsACorruptValueNotAnyOtherException() {
    Payloads payloads = new Payloads("");
    byte[] unknownTag = {'Q', 1, 2};
    assertThatThrownBy(() -> Values.decode(payloads, unknownTag, 0, unknownTag.length))
        .isInstanceOf(FrameException.class).hasMessageContaining("unknown tag");
    byte[] hugeString = {'S', 0x7f, 0, 0, 0, 'a'};
    assertThatThrownBy(() -> Values.decode(payloads, hugeString, 0, hugeString.length))
        .isInstanceOf(FrameException.class).hasMessageContaining("corrupt value: length");
    byte[] notJava = {'J', 0, 0, 0, 3, 1, 2, 3};
    assertThatThrownBy(() -> Values.decode(payloads, notJava, 0, notJava.length))
        .isInstanceOf(FrameException.class).hasMessageContaining("does not deserialize");
  }
}
