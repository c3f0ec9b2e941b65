package io.execmodels.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsChooseNoModelAndFailTheRunOnUnhandledFailures() {
    Config c = Config.defaults();
    assertThat(c.model()).isEmpty();
    assertThat(c.parallelism()).isEmpty();
    assertThat(c.unhandledFailurePolicy()).isEqualTo(UnhandledFailurePolicy.FAIL_RUN);
    assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.options()).isEmpty();
  }

  @Test
  void systemPropertiesSetTheCommonSettingsAndPassTheRestAsOptions() {
    Config c = Config.fromProperties(props(
        "execmodels.model", "csp",
        "execmodels.parallelism", "3",
        "execmodels.unhandled", "log",
        "execmodels.shutdownGrace", "250ms",
        "execmodels.leakCheck", "true",
        "execmodels.eventloop.workers", "8",
        "unrelated", "ignored"));
    assertThat(c.model()).contains("csp");
    assertThat(c.parallelism()).hasValue(3);
    assertThat(c.unhandledFailurePolicy()).isEqualTo(UnhandledFailurePolicy.LOG);
    assertThat(c.shutdownGrace()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.leakCheck()).isTrue();
    assertThat(c.option("eventloop.workers")).contains("8");
    assertThat(c.options()).containsOnlyKeys("eventloop.workers");
  }

  @Test
  void gracesAreReadInSecondsMillisecondsOrIso8601() {
    assertThat(Config.fromProperties(props("execmodels.shutdownGrace", "3s")).shutdownGrace())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(Config.fromProperties(props("execmodels.shutdownGrace", "PT1M")).shutdownGrace())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void unreadableValuesFailNamingThePropertyAndTheValue() {
    assertThatThrownBy(() -> Config.fromProperties(props("execmodels.parallelism", "many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("execmodels.parallelism").hasMessageContaining("many");
    assertThatThrownBy(() -> Config.fromProperties(props("execmodels.unhandled", "ignore")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("execmodels.unhandled").hasMessageContaining("ignore");
    assertThatThrownBy(() -> Config.fromProperties(props("execmodels.shutdownGrace", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("execmodels.shutdownGrace").hasMessageContaining("soon");
  }

  @Test
  void withersRejectValuesNoModelCouldHonour() {
    assertThatThrownBy(() -> Config.defaults().withParallelism(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
    assertThatThrownBy(() -> Config.defaults().withShutdownGrace(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
    assertThatThrownBy(() -> Config.defaults().withShutdownGrace(Duration.ofDays(366)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("365 days");
    assertThatThrownBy(() -> Config.defaults().withModel(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
  }

  @Test
  void withersLeaveTheOriginalUnchanged() {
    Config base = Config.defaults();
    Config changed = base.withModel("csp").withOption("k", "v").withParallelism(2);
    assertThat(base.model()).isEmpty();
    assertThat(base.options()).isEmpty();
    assertThat(changed.model()).contains("csp");
    assertThat(changed.option("k")).contains("v");
  }
}
