package io.execmodels.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import io.execmodels.core.Config;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The TCK catches a scheduler that breaks a rule of the SPI contract, and says which rule: each
 * {@link Fault} is run through the TCK (launched here, as a user's build would run it) and the
 * rule named for it must fail, with the violation in its message; the same rule passes on the
 * correct scheduler.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FaultyModelsTest {

  /** The TCK on {@code minimal}, broken by {@link #fault()}; launched only from this test. */
  abstract static class FaultyTck extends ExecutionModelTck {
    abstract Fault fault();

    @Override
    protected String modelName() {
      return MinimalModelProvider.NAME;
    }

    @Override
    protected Config config() {
      return super.config().withOption(Fault.OPTION, fault().optionValue());
    }
  }

  static final class Correct extends FaultyTck {
    @Override
    Fault fault() {
      return Fault.NONE;
    }
  }

  static final class DoubleShutdown extends FaultyTck {
    @Override
    Fault fault() {
      return Fault.DOUBLE_SHUTDOWN;
    }
  }

  static final class BodyRunTwice extends FaultyTck {
    @Override
    Fault fault() {
      return Fault.BODY_RUN_TWICE;
    }
  }

  static final class ParkFromAnotherThread extends FaultyTck {
    @Override
    Fault fault() {
      return Fault.PARK_FROM_ANOTHER_THREAD;
    }
  }

  static final class ParkClearsInterrupt extends FaultyTck {
    @Override
    Fault fault() {
      return Fault.PARK_CLEARS_INTERRUPT;
    }
  }

  static final class ShutdownIgnoresGrace extends FaultyTck {
    @Override
    Fault fault() {
      return Fault.SHUTDOWN_IGNORES_GRACE;
    }
  }

  static final class ShutdownFails extends FaultyTck {
    @Override
    Fault fault() {
      return Fault.SHUTDOWN_FAILS;
    }
  }

  private static TestExecutionSummary launch(DiscoverySelector selector) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selector).build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, listener);
    return listener.getSummary();
  }

  private static TestExecutionSummary launchRule(
      Class<? extends FaultyTck> tck, Class<?> group, String rule) {
    return launch(selectNestedMethod(List.of(tck), group, rule));
  }

  /** Asserts that exactly {@code rule} ran and failed, with {@code message} in its failure. */
  private static void assertFailed(TestExecutionSummary summary, String rule, String message) {
    assertThat(summary.getTestsFoundCount()).as("rules launched").isEqualTo(1);
    assertThat(summary.getFailures()).as("failures").singleElement().satisfies(f -> {
      assertThat(f.getTestIdentifier().getDisplayName()).startsWith(rule);
      assertThat(stackOfMessages(f.getException())).contains(message);
      if (f.getException() instanceof AssertionError) {
        // The report names the group, the same for every subclass: the message names the model.
        assertThat(f.getException().getMessage()).startsWith("[model '"
            + MinimalModelProvider.NAME + "', ");
      }
    });
  }

  /** The messages of a failure and of its causes and suppressed, one a line. */
  private static String stackOfMessages(Throwable t) {
    StringBuilder messages = new StringBuilder();
    collect(t, messages, 0);
    return messages.toString();
  }

  private static void collect(Throwable t, StringBuilder messages, int depth) {
    if (t == null || depth > 10) {
      return;
    }
    messages.append(t).append('\n');
    collect(t.getCause(), messages, depth + 1);
    for (Throwable s : t.getSuppressed()) {
      collect(s, messages, depth + 1);
    }
  }

  @Test
  void theRulesNamedForEachFaultPassOnTheCorrectScheduler() {
    for (String[] rule : new String[][] {
        {"Shutdown", "required_shutdown2_aModelServesUntilItIsClosedAndClosesOnce"},
        {"Shutdown", "required_shutdown3_closeGivesUpOnATaskThatIgnoresCancellationAndNamesIt"},
        {"Lifecycle", "required_lifecycle7_theSchedulerRunsEachSpawnedBodyExactlyOnce"},
        {"Lifecycle", "required_lifecycle8_eachWaitingTaskParksItselfAndIsWokenAsItself"},
        {"Cancellation", "required_cancellation8_aThreadInterruptIsNotACancellation"}}) {
      Class<?> group = switch (rule[0]) {
        case "Shutdown" -> ExecutionModelTck.Shutdown.class;
        case "Cancellation" -> ExecutionModelTck.Cancellation.class;
        default -> ExecutionModelTck.Lifecycle.class;
      };
      TestExecutionSummary summary = launchRule(Correct.class, group, rule[1]);
      assertThat(summary.getTestsSucceededCount()).as("%s passed", rule[1]).isEqualTo(1);
    }
  }

  @Test
  void aDoubleShutdownFailsTheRuleThatAModelClosesOnce() {
    assertFailed(launchRule(DoubleShutdown.class, ExecutionModelTck.Shutdown.class,
            "required_shutdown2_aModelServesUntilItIsClosedAndClosesOnce"),
        "required_shutdown2", "shutdown called a second time");
  }

  @Test
  void aBodyRunTwiceFailsTheRuleThatEachBodyRunsOnce() {
    assertFailed(launchRule(BodyRunTwice.class, ExecutionModelTck.Lifecycle.class,
            "required_lifecycle7_theSchedulerRunsEachSpawnedBodyExactlyOnce"),
        "required_lifecycle7", "[each body runs once]");
  }

  @Test
  void aParkFromAnotherThreadFailsTheRuleThatATaskParksItself() {
    assertFailed(launchRule(ParkFromAnotherThread.class, ExecutionModelTck.Lifecycle.class,
            "required_lifecycle8_eachWaitingTaskParksItselfAndIsWokenAsItself"),
        "required_lifecycle8", "a fiber parks only itself");
  }

  @Test
  void aParkThatSwallowsTheInterruptFailsTheRuleThatAnInterruptIsNotACancellation() {
    assertFailed(launchRule(ParkClearsInterrupt.class, ExecutionModelTck.Cancellation.class,
            "required_cancellation8_aThreadInterruptIsNotACancellation"),
        "required_cancellation8", "the status survives a receive that waited");
  }

  @Test
  void aShutdownThatWaitsOutLiveFibersFailsTheRuleThatCloseGivesUpAfterItsGrace() {
    assertFailed(launchRule(ShutdownIgnoresGrace.class, ExecutionModelTck.Shutdown.class,
            "required_shutdown3_closeGivesUpOnATaskThatIgnoresCancellationAndNamesIt"),
        "required_shutdown3", "must give up on a fiber still alive after its grace");
  }

  /**
   * Cleanup failures are failures: a scheduler that cannot shut down fails every rule that opens
   * a model, whether the rule closes it or leaves it to the TCK's cleanup.
   */
  @Test
  void aSchedulerThatCannotShutDownFailsEveryRuleThatOpensAModel() {
    TestExecutionSummary summary =
        launch(selectNestedClass(List.of(ShutdownFails.class), ExecutionModelTck.Channels.class));
    assertThat(summary.getTestsFoundCount()).as("channel rules").isGreaterThan(5);
    assertThat(summary.getTestsSucceededCount()).as("channel rules passed").isZero();
    assertThat(summary.getFailures()).allSatisfy(f -> {
      assertThat(stackOfMessages(f.getException()))
          .contains("its scheduler's threads did not stop");
      assertThat(f.getException().getMessage()).as("names the model")
          .startsWith("[model '" + MinimalModelProvider.NAME + "', ShutdownFails] ");
    });
  }
}
