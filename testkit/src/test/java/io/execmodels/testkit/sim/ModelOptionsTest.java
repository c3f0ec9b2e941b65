package io.execmodels.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.ModelOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Core's one configuration mechanism, seen through the simulation's declared options: a typo is
 * refused naming the nearest key, other models' keys are left alone, the options are listed, and
 * the environment sets them for a model opened by name.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModelOptionsTest {

  private static Config sim() {
    return Config.defaults().withModel("sim");
  }

  @Test
  void aMisspelledKeyInTheModelsNamespaceIsRefusedNamingTheNearest() {
    assertThatThrownBy(() -> ExecutionModels.open(sim().withOption("sim.carier", "own")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model 'sim' has no option 'sim.carier'")
        .hasMessageContaining("did you mean 'sim.carrier'?");
  }

  @Test
  void aNearMissOfItsKeysInNoModelsNamespaceIsRefusedToo() {
    assertThatThrownBy(() -> ExecutionModels.open(sim().withOption("smi.seed", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did you mean 'sim.seed'?");
  }

  @Test
  void keysOfOtherNamespacesAreLeftToTheirModels() throws Exception {
    try (ExecutionModel model = ExecutionModels.open(sim().withOption("sim.seed", "3")
        .withOption("csp.parkSpins", "0").withOption("myapp.port", "8080"))) {
      int one = model.run(ctx -> 1);
      assertThat(one).isEqualTo(1);
    }
  }

  @Test
  void theModelsOptionsAreListedSortedWithDefaults() {
    List<ModelOption> options = ExecutionModels.optionsOf("sim");
    assertThat(options).extracting(ModelOption::key).isSorted()
        .contains("sim.seed", "sim.schedule", "sim.carrier", "sim.replay");
    assertThat(options).filteredOn(o -> o.key().equals("sim.schedule")).singleElement()
        .extracting(ModelOption::defaultValue).isEqualTo("random");
  }

  @Test
  void theEnvironmentSetsAnOptionOfAModelOpenedByNameAndASystemPropertyWins() throws Exception {
    assertThat(probe(List.of(), "own")).contains("carrier sim-carrier");
    assertThat(probe(List.of("-Dexecmodels.sim.carrier=default"), "own"))
        .anyMatch(line -> line.startsWith("carrier ForkJoinPool"));
  }

  /** Runs {@link OptionsProbe} with {@code EXECMODELS_SIM_CARRIER} set, and returns its lines. */
  private static List<String> probe(List<String> jvmOptions, String carrier) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        OptionsProbe.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("EXECMODELS_SIM_CARRIER", carrier);
    Process p = pb.start();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(exited).as("the probe JVM ended; it printed:%n%s", out).isTrue();
    return out.lines().toList();
  }
}
