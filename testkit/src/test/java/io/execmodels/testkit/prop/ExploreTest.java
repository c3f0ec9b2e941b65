package io.execmodels.testkit.prop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** {@link Explore} under JUnit 5, checked by launching {@link ExploreExamples}. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExploreTest {

  private static TestExecutionSummary launch(String method) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(ExploreExamples.class.getName(), method,
            "io.execmodels.core.Ctx"))
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    return listener.getSummary();
  }

  @Test
  void anExploreMethodRunsAsOneTestPerModelWithItsExampleBudget() {
    ExploreExamples.RUNS.set(0);
    TestExecutionSummary summary = launch("passes");
    assertThat(summary.getTestsSucceededCount()).as("one test per model").isEqualTo(3);
    assertThat(summary.getTestsFailedCount()).isZero();
    assertThat(ExploreExamples.RUNS.get()).as("50 examples on each of 3 models").isEqualTo(150);
  }

  @Test
  void aFailingExploreMethodReportsItsModelScheduleAndReplayLine() {
    TestExecutionSummary summary = launch("losesAnUpdate");
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    List<TestExecutionSummary.Failure> failures = summary.getFailures();
    Throwable failure = failures.get(0).getException();
    assertThat(failures.get(0).getTestIdentifier().getDisplayName()).isEqualTo("sim");
    assertThat(failure).isInstanceOf(PropertyFailedError.class)
        .hasMessageContaining("Property 'ExploreExamples.losesAnUpdate' failed on sim")
        .hasMessageContaining("seed 5")
        .hasMessageContaining("checkpoint")
        .hasMessageContaining("-Dexecmodels.sim.replay='ExploreExamples.losesAnUpdate@");
  }
}
