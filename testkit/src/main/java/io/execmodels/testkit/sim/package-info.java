/**
 * The {@code sim} model: deterministic simulation of any model's rules.
 *
 * <p>{@link io.execmodels.testkit.sim.SimModel} runs one task at a time on virtual time; a {@link
 * io.execmodels.testkit.sim.Schedule} (random, PCT, or explicit decisions) picks the next task at
 * every scheduling point a {@link io.execmodels.testkit.sim.Profile} allows; the run's {@link
 * io.execmodels.testkit.sim.Trace} records each step and hashes them, and {@link
 * io.execmodels.testkit.sim.SimProblem}s report deadlocks, livelocks and code that escaped the
 * simulation. Open it by name ({@code sim}, {@code sim:eventloop}...) like any model, or with
 * {@link io.execmodels.testkit.sim.SimOptions} in code. The property engine on top of it is in
 * {@link io.execmodels.testkit.prop}.
 */
package io.execmodels.testkit.sim;
