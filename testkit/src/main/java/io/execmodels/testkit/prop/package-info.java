/**
 * A small property engine for concurrent programs, with integrated shrinking.
 *
 * <p>A {@link io.execmodels.testkit.prop.Property} runs a program once per example under the
 * simulation; its input ({@link io.execmodels.testkit.prop.Gen}) and every scheduling decision are
 * drawn from one recorded choice sequence, so one shrinker minimises both, and a failure is
 * reported as a {@link io.execmodels.testkit.prop.Counterexample} with a one-line replay. {@link
 * io.execmodels.testkit.prop.PropertyTests} runs a property on every available model as JUnit 5
 * dynamic tests. No external property-testing library is used.
 */
package io.execmodels.testkit.prop;
