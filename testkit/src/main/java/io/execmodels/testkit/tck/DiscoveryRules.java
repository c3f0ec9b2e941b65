package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.UnknownModelException;
import org.junit.jupiter.api.Test;

/** Discovery: a model is found by its name, and an unknown name fails naming the known ones. */
abstract class DiscoveryRules extends RuleSet {

  DiscoveryRules(ExecutionModelTck tck) {
    super(tck);
  }

  @Test
  void required_discovery1_modelIsAvailableByName() {
    assertThat(ExecutionModels.available()).contains(modelName());
    try (ExecutionModel model = open()) {
      assertThat(model.name()).isEqualTo(modelName());
      assertThat(model.traits().parallelism()).isPositive();
    }
  }

  @Test
  void required_discovery2_openingAnUnknownModelFailsNamingTheKnownOnes() {
    assertThatThrownBy(() -> ExecutionModels.open("no-such-model"))
        .isInstanceOfSatisfying(UnknownModelException.class,
            e -> assertThat(e.known()).contains(modelName()))
        .hasMessageContaining("no-such-model")
        .hasMessageContaining(modelName());
  }
}
