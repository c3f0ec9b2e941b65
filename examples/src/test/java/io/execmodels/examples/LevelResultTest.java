package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LevelResultTest {

  @Test
  void aLevelOffersRateTimesWindowRequestsAndTimesEachFromItsScheduledArrival() {
    try (ExecutionModel csp = ExecutionModels.open("csp")) {
      LevelResult l = LevelResult.measure("csp", csp, RequestWorkload.fanOut(), 200,
          Duration.ofMillis(100));

      assertThat(l.problem()).isNull();
      assertThat(l.requests()).isEqualTo(20);
      assertThat(l.latencies()).hasSize(20)
          .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(10)));
      // The last request arrives 95 ms after the first and waits 10 ms.
      assertThat(l.span()).isGreaterThanOrEqualTo(Duration.ofMillis(105));
      assertThat(l.throughput()).isEqualTo(20 / (l.span().toNanos() / 1e9));
    }
  }

  @Test
  void aWrongSumOrAFailedRequestIsTheLevelsProblem() {
    RequestWorkload liar = new RequestWorkload("liar", "replies 1", (ctx, n) -> 1,
        count -> count + 1);
    RequestWorkload broken = new RequestWorkload("broken", "throws", (ctx, n) -> {
      throw new IllegalStateException("upstream down");
    }, count -> 0);
    try (ExecutionModel csp = ExecutionModels.open("csp")) {
      assertThat(LevelResult.measure("csp", csp, liar, 100, Duration.ofMillis(30)).problem())
          .isEqualTo("WRONG: 3, expected 4");
      LevelResult failed = LevelResult.measure("csp", csp, broken, 100, Duration.ofMillis(30));
      assertThat(failed.problem()).startsWith("FAILED:").contains("upstream down");
      assertThat(failed.latencies()).isEmpty();
      assertThat(failed.throughput()).isZero();
    }
  }
}
