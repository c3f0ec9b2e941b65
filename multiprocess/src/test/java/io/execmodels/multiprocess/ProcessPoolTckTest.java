package io.execmodels.multiprocess;

import io.execmodels.testkit.tck.ExecutionModelTck;

/**
 * The TCK's rules, on the {@code process-pool} model. Every rule applies: tasks run in the parent
 * JVM (as Python code that uses a process pool does), and only {@code compute} crosses into a child,
 * which the rules do not use; {@link ProcessPoolModelTest} covers that.
 */
class ProcessPoolTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return ProcessPoolModelProvider.NAME;
  }
}
