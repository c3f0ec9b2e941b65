/**
 * A benchmark of known concurrency bugs for the testkit's schedule search: small programs written
 * against core's {@code Ctx}, each with one bug of a classic family (SCTBench's and
 * JaConTeBe-style real-world patterns), a precise failure check, and a note of its depth; and the
 * harness that measures, per program and search strategy, whether the bug is found within a
 * budget and after how many schedules.
 */
package io.execmodels.bench.bugs;
