/**
 * Testing concurrency across every model: the TCK every model runs ({@link
 * io.execmodels.testkit.tck}), the deterministic simulation model {@code sim} ({@link
 * io.execmodels.testkit.sim}), and a property engine that explores inputs and schedules together
 * and shrinks both ({@link io.execmodels.testkit.prop}).
 */
package io.execmodels.testkit;
