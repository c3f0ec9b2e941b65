package io.execmodels.gilsim.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.gilsim.PythonScript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each scenario runs three ways: its {@code .py} twin under {@code python3}, the Java scenario on
 * the {@code asyncio} model, and (where it uses only {@link Ctx} and core's tasks) on the testkit's
 * {@code sim:asyncio}. The asyncio model must print exactly what CPython prints, line for line
 * and in order. The simulator explores other interleavings than the loop's FIFO, so there the
 * same lines must come out, in any order.
 */
class AsyncioScenariosTest {

  /** A Java scenario: prints to {@code out} what its Python twin prints. */
  @FunctionalInterface
  interface Scenario {
    Object run(Ctx ctx, Out out) throws Exception;
  }

  static List<String> runOn(String model, Scenario scenario) throws Exception {
    Out out = new Out();
    try (ExecutionModel m = ExecutionModels.open(model)) {
      m.run(ctx -> scenario.run(ctx, out));
    }
    return out.lines();
  }

  private static List<String> sorted(List<String> lines) {
    List<String> s = new ArrayList<>(lines);
    Collections.sort(s);
    return s;
  }

  private static void compare(String script, Scenario scenario, boolean simToo)
      throws Exception {
    List<String> ours = runOn(AsyncioModelProvider.NAME, scenario);
    if (simToo) {
      assertThat(sorted(runOn("sim:asyncio", scenario)))
          .as("sim:asyncio prints the same lines as the asyncio model").isEqualTo(sorted(ours));
    }
    List<String> python = PythonScript.run(AsyncioScenariosTest.class, script);
    assertThat(ours).as("the asyncio model prints what python3 " + script + " prints")
        .containsExactlyElementsOf(python);
  }

  @Test
  void callSoonIsFifoAndSleepZeroYieldsOneIteration() throws Exception {
    compare("order.py", Scenarios::order, false);
  }

  @Test
  void gatherKeepsArgumentOrderAndLeavesSiblingsRunning() throws Exception {
    compare("gather.py", Scenarios::gather, true);
  }

  @Test
  void taskGroupCancelsSiblingsAndRaisesEveryFailure() throws Exception {
    compare("taskgroup.py", Scenarios::taskGroup, false);
  }

  @Test
  void waitForCancelsTheInnerTaskAndWaitNeverCancels() throws Exception {
    compare("timeouts.py", Scenarios::timeouts, true);
  }

  @Test
  void cancellationArrivesAtTheNextAwaitAndShieldProtects() throws Exception {
    compare("cancel.py", Scenarios::cancel, true);
  }

  @Test
  void lockEventSemaphoreAndQueuesBehaveAsAsyncios() throws Exception {
    compare("primitives.py", Scenarios::primitives, true);
  }

  @Test
  void misuseGivesPythonsExceptions() throws Exception {
    compare("badinput.py", Scenarios::badInput, false);
  }
}
