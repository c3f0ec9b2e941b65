/**
 * Testing concurrency across every model. Today: the TCK ({@link io.execmodels.testkit.tck}).
 * To come: the {@code sim} model (deterministic schedules, virtual time) and a property engine
 * that shrinks inputs and schedules together.
 */
package io.execmodels.testkit;
