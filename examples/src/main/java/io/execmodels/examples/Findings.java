package io.execmodels.examples;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a shootout measured, complete or up to an interruption: what the tables, the verdicts
 * and the report are made of. Immutable.
 *
 * @param startUp the time to open each model, by name, in the order opened
 * @param results per model and service, the measured runs (and the originals' rows, and the
 *     problems of models that would not open or close)
 * @param memory per model, the heap per parked task
 * @param children per model, its child processes and their peak memory
 * @param levels per model, request workload and arrival rate, what the requests gave
 * @param roundsDone measured rounds completed
 * @param partial whether the shootout was interrupted before the end
 */
record Findings(Map<String, Duration> startUp, List<Result> results, List<TaskMemory> memory,
    Map<String, ChildProcesses.Usage> children, List<LevelResult> levels, int roundsDone,
    boolean partial) {

  Findings {
    startUp = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(startUp));
    results = List.copyOf(results);
    memory = List.copyOf(memory);
    children = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(children));
    levels = List.copyOf(levels);
  }
}
