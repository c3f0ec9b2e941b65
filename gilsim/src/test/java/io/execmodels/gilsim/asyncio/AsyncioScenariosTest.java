package io.execmodels.gilsim.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.core.Config;
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
 * the {@code asyncio} model, and (where it uses only {@link Ctx}, core's tasks and this package's
 * primitives, not the loop) on the testkit's {@code sim:asyncio} under {@value #SEEDS} seeds. The
 * asyncio model must print exactly what CPython prints, line for line and in order. The
 * simulator explores other interleavings than the loop's FIFO, so there the same lines must come
 * out, in any order; the scenarios wait for each other explicitly (an Event, not a sleep(0)) where
 * the outcome would otherwise depend on the order.
 */
class AsyncioScenariosTest {

  /** A Java scenario: prints to {@code out} what its Python twin prints. */
  @FunctionalInterface
  interface Scenario {
    Object run(Ctx ctx, Out out) throws Exception;
  }

  /** How many schedules of {@code sim:asyncio} each scenario is compared over. */
  private static final int SEEDS = 10;

  static List<String> runOn(String model, Scenario scenario) throws Exception {
    return runOn(Config.defaults().withModel(model), scenario);
  }

  static List<String> runOn(Config config, Scenario scenario) throws Exception {
    Out out = new Out();
    try (ExecutionModel m = ExecutionModels.open(config)) {
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
      for (int seed = 1; seed <= SEEDS; seed++) {
        assertThat(sorted(runOn(Config.defaults().withModel("sim:asyncio")
            .withOption("sim.seed", Integer.toString(seed)), scenario)))
            .as("sim:asyncio, seed %d, prints the same lines as the asyncio model", seed)
            .isEqualTo(sorted(ours));
      }
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

  @Test
  void gatherWaitAndWaitForResumeTheirAwaiterWhenCpythonDoes() throws Exception {
    compare("hops.py", Scenarios::hops, false);
  }
}
