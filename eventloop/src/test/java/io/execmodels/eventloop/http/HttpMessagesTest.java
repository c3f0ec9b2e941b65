package io.execmodels.eventloop.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpMessagesTest {

  @Test
  void refusesHeaderValuesThatCouldSplitAResponse() {
    assertThatThrownBy(() -> HttpResponse.builder(200).header("X", "a\r\nSet-Cookie: x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X");
    assertThatThrownBy(() -> HttpHeaders.of("X", "a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpResponse.builder(200).reason("OK\r\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesHeaderNamesThatAreNotTokens() {
    assertThatThrownBy(() -> HttpHeaders.of("Bad Name", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Bad Name");
    assertThatThrownBy(() -> HttpHeaders.of("", "v")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpHeaders.of("odd")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pairs");
  }

  @Test
  void leavesFramingAndConnectionFieldsToTheConnection() {
    for (String name : List.of("Content-Length", "transfer-encoding", "CONNECTION")) {
      assertThatThrownBy(() -> HttpResponse.builder(200).header(name, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(name);
    }
  }

  @Test
  void refusesStatusesItCannotSendAndBodiesWhereNoneIsAllowed() {
    assertThatThrownBy(() -> HttpResponse.builder(101))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101");
    assertThatThrownBy(() -> HttpResponse.builder(1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpResponse.builder(204).body("x").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("204");
    assertThatThrownBy(() -> HttpResponse.builder(200).trailers(HttpHeaders.of("T", "v")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunked");
  }

  @Test
  void headersCompareNamesIgnoringCaseAndFindListTokens() {
    HttpHeaders h = HttpHeaders.of("Connection", "keep-alive, Upgrade", "X-A", "1", "x-a", "2");
    assertThat(h.get("CONNECTION")).isEqualTo("keep-alive, Upgrade");
    assertThat(h.containsToken("connection", "upgrade")).isTrue();
    assertThat(h.containsToken("connection", "close")).isFalse();
    assertThat(h.containsToken("connection", "keep")).isFalse();
    assertThat(h.getAll("X-a")).containsExactly("1", "2");
    assertThat(h).isEqualTo(HttpHeaders.of("Connection", "keep-alive, Upgrade", "X-A", "1",
        "x-a", "2"));
  }

  @Test
  void refusesLimitsThatAreNotPositive() {
    assertThatThrownBy(() -> HttpConfig.defaults().withMaxBodyBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodyBytes");
    assertThatThrownBy(() -> HttpConfig.defaults().withTimeouts(Duration.ZERO,
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAliveTimeout");
  }

  @Test
  void formatsDatesAsImfFixdate() {
    // The example of RFC 9110 section 5.6.7.
    assertThat(HttpDate.format(784111777L)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(new String(new HttpDate().line(784111777_999L), StandardCharsets.ISO_8859_1))
        .isEqualTo("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
  }
}
