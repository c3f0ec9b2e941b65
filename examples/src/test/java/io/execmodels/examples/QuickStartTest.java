package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {

  @Test
  void sumsOneToTenSentByTheProducerOnCsp() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      assertThat(QuickStart.sum(model)).isEqualTo(55);
    }
  }

  @Test
  void leavesNoTaskFailedOrCancelled() throws Exception {
    try (ExecutionModel model = ExecutionModels.open("csp")) {
      QuickStart.sum(model);

      assertThat(model.stats().spawned()).isEqualTo(2); // the run's main task and the producer
      assertThat(model.stats().succeeded()).isEqualTo(2);
      assertThat(model.stats().failed()).isZero();
      assertThat(model.stats().cancelled()).isZero();
    }
  }

  @Test
  void mainPrintsTheSumAndTheModelName() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[] {"csp"});
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .isEqualToIgnoringNewLines("sum 55 on csp");
  }
}
