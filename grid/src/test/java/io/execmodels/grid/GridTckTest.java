package io.execmodels.grid;

import io.execmodels.testkit.tck.ExecutionModelTck;

/**
 * The TCK's rules, on the {@code grid} model with its default (one embedded member). Every rule
 * applies: tasks run in this JVM, and only {@code compute} reaches the cluster, which the rules do
 * not use, so the member is never started here; {@link GridModelTest} and {@link
 * GridClusterTest} cover it.
 */
class GridTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return GridModelProvider.NAME;
  }
}
