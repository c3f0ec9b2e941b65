package io.execmodels.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a model's declared option is made of: its namespace and its environment variable. */
class ModelOptionTest {

  @Test
  void theNamespaceIsTheKeyUpToItsFirstDot() {
    assertThat(new ModelOption("process-pool.allow", "", "").namespace()).isEqualTo("process-pool");
    assertThat(new ModelOption("sim.a.b", "", "").namespace()).isEqualTo("sim");
  }

  @Test
  void theEnvironmentVariableIsTheKeyInUpperCaseWithUnderscores() {
    assertThat(new ModelOption("csp.parkSpins", "", "").environmentVariable())
        .isEqualTo("EXECMODELS_CSP_PARKSPINS");
    assertThat(new ModelOption("process-pool.allow", "", "").environmentVariable())
        .isEqualTo("EXECMODELS_PROCESS_POOL_ALLOW");
  }

  @Test
  void aKeyWithoutANamespaceIsRefused() {
    for (String key : new String[] {"parkSpins", ".parkSpins", "csp."}) {
      assertThatThrownBy(() -> new ModelOption(key, "", ""))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace.name");
    }
  }
}
