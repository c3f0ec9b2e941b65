/**
 * The TCK: the rules every execmodels model must keep, as an abstract JUnit 5 suite. A model's
 * module subclasses {@link io.execmodels.testkit.tck.ExecutionModelTck}, names its model, and runs
 * the rules against it; each test is named for the rule it checks.
 */
package io.execmodels.testkit.tck;
