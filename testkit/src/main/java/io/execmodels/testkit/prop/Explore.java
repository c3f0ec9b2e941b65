package io.execmodels.testkit.prop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test method as a {@link Property} without input: the method takes a {@link
 * io.execmodels.core.Ctx} and is the body of one run; it runs once per example under each model
 * named, as one test per model. A failure reports the model, the seed, the shrunk schedule and the
 * replay line ({@code -Dexecmodels.sim.replay=Class.method@...}).
 *
 * <pre>{@code
 * @Explore(models = {"sim", "sim:eventloop"}, examples = 500)
 * void noLostUpdate(Ctx ctx) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ExploreExtension.class)
public @interface Explore {

  /**
   * The models: simulation profiles ({@code sim:csp}) or real models; {@code "*"} for all.
   *
   * @return the models' names; {@code "*"} for all
   */
  String[] models() default {"sim"};

  /**
   * The example budget per model.
   *
   * @return the most examples tried on each model
   */
  int examples() default 1_000;

  /**
   * The seed; the default takes {@code -Dexecmodels.sim.seed} or the property's name.
   *
   * @return the seed; {@link Long#MIN_VALUE} for the default
   */
  long seed() default Long.MIN_VALUE;

  /**
   * PCT's depth, or 0 for the property engine's default search (POS).
   *
   * @return the PCT depth; 0 for the default search
   */
  int pct() default 0;
}
