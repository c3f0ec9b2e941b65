package io.execmodels.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Traits.Memory;
import io.execmodels.core.Traits.Preemption;
import org.junit.jupiter.api.Test;

class TraitsTest {

  @Test
  void traitsRejectImpossibleValues() {
    assertThatThrownBy(() -> new Traits(0, Preemption.NONE, Memory.SHARED, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
    assertThatThrownBy(() -> new Traits(1, Preemption.NONE, Memory.SHARED, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ioConcurrency");
    assertThatThrownBy(() -> new Traits(1, null, Memory.SHARED, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("preemption");
  }
}
