/**
 * The TCK: the rules every execmodels model must keep, as an abstract JUnit 5 suite. A model's
 * module subclasses {@link io.execmodels.testkit.tck.ExecutionModelTck}, names its model, and runs
 * the rules against it.
 *
 * <p>The rules are grouped by concern, one class each ({@code DiscoveryRules}, {@code
 * LifecycleRules}, {@code ShutdownRules}, {@code ChannelRules}, {@code SelectRules}, {@code
 * CancellationRules}, {@code FailureRules}), each run through a {@code @Nested} class of the TCK,
 * so the one subclass a model has runs them all. Each rule is named {@code
 * required_<group><n>_<whatItChecks>}. What the groups share: {@code RuleSet} (the model under
 * test, opening models), {@code Probe} (bounded waits for a counterpart, on the model's clock),
 * {@code Boom} (a failure thrown on purpose) and {@link io.execmodels.testkit.tck.Seed} (the seed
 * of a randomised rule).
 */
package io.execmodels.testkit.tck;
