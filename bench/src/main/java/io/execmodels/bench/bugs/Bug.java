package io.execmodels.bench.bugs;

import io.execmodels.testkit.prop.SimBody;

/**
 * One program of the benchmark.
 *
 * @param name a short name, after the SCTBench or JaConTeBe family it belongs to
 * @param family what kind of bug it is
 * @param depth how many ordering constraints between tasks must hold for it to show: the
 *     bug-depth of PCT's analysis (1: one task must run before a point of another; 2: two such
 *     orderings at once...)
 * @param program the program; it throws (an assertion) or deadlocks when the bug shows
 */
record Bug(String name, String family, int depth, SimBody<Void> program) {}
