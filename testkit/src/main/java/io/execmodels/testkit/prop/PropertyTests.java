package io.execmodels.testkit.prop;

import io.execmodels.core.ExecutionModels;
import io.execmodels.testkit.sim.Profile;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * JUnit 5 integration: one property as one dynamic test per model, each failing with the model,
 * the seed, the shrunk input, the schedule and the replay line in its message.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> noLostUpdate() {
 *   return PropertyTests.onEveryModel(Property.forAll("no lost update", ..., ...));
 * }
 * }</pre>
 */
public final class PropertyTests {

  private PropertyTests() {}

  /**
   * The property on every model available here, real and simulated: every simulation profile
   * explores schedules; a real model runs the examples with its own scheduling.
   *
   * @param property the property to check
   * @return one dynamic test per model
   */
  public static Stream<DynamicTest> onEveryModel(Property<?> property) {
    return onModels(property, ExecutionModels.available());
  }

  /**
   * The property under every simulation profile.
   *
   * @param property the property to check
   * @return one dynamic test per simulation profile
   */
  public static Stream<DynamicTest> onEveryProfile(Property<?> property) {
    return onModels(property, Stream.of(Profile.values()).map(Profile::modelName).toList());
  }

  /**
   * The property on each model named.
   *
   * @param property the property to check
   * @param models the models' names: simulation profiles ({@code sim:csp}) or real models
   * @return one dynamic test per model, in the order given
   */
  public static Stream<DynamicTest> onModels(Property<?> property, List<String> models) {
    return models.stream().map(m -> DynamicTest.dynamicTest(property.name() + " on " + m,
        () -> on(property, m).check()));
  }

  /**
   * The property on the model named: a simulation profile, or a real model.
   *
   * @param property the property to check
   * @param model a simulation profile's name ({@code sim}, {@code sim:csp}) or a real model's
   * @return a copy of the property under that profile or on that model
   */
  public static Property<?> on(Property<?> property, String model) {
    return model.equals("sim") || model.startsWith("sim:")
        ? property.withProfile(Profile.forModelName(model)) : property.onModel(model);
  }
}
