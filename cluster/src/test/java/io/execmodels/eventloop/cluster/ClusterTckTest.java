package io.execmodels.eventloop.cluster;

import io.execmodels.testkit.tck.ExecutionModelTck;

/**
 * The TCK's rules, on the {@code cluster} model. Every rule applies: tasks run on the primary's
 * loop, as on {@code eventloop}, and only {@code compute} crosses into a worker, which the rules
 * do not use; {@link ClusterModelTest} covers that.
 */
class ClusterTckTest extends ExecutionModelTck {

  @Override
  protected String modelName() {
    return ClusterModelProvider.NAME;
  }
}
