package io.execmodels.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Core alone has no model on its class path: what a user sees when they forgot to add one. */
class ExecutionModelsTest {

  @Test
  void withNoModelModuleNothingIsAvailable() {
    assertThat(ExecutionModels.available()).isEmpty();
  }

  @Test
  void anUnknownNameFailsListingTheKnownOnesAndHowToAddOne() {
    assertThatThrownBy(() -> ExecutionModels.open("nope"))
        .isInstanceOfSatisfying(UnknownModelException.class, e -> assertThat(e.known()).isEmpty())
        .hasMessageContaining("'nope'")
        .hasMessageContaining("execmodels-csp");
  }

  @Test
  void aConfigWithoutAModelFailsClearly() {
    assertThatThrownBy(() -> ExecutionModels.open(Config.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no model");
  }
}
