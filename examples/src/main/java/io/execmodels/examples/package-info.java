/**
 * Model-agnostic example services, and the shootout that runs them under every model.
 *
 * <p>Everything here is written once against {@link io.execmodels.core.Ctx} and knows no model by
 * type: the model is chosen by name when it is opened, and the same code runs on each. That is
 * the point of the package — it is the evidence that business logic does not change when the
 * concurrency model does, and the workload the models are compared on.
 *
 * <ul>
 *   <li>{@link io.execmodels.examples.QuickStart}: the smallest complete program, shown in the
 *       README (a producer task, a buffered channel, a sum).
 *   <li>{@link io.execmodels.examples.DemoService}: a service with a result known in advance, run
 *       and timed by {@link io.execmodels.examples.DemoService#measure}. Three of them:
 *       {@link io.execmodels.examples.FanOutAggregator} (I/O-bound: concurrent calls that wait),
 *       {@link io.execmodels.examples.CpuBatch} (CPU-bound: jobs that compute) and
 *       {@link io.execmodels.examples.ChannelPipeline} (streaming: stages joined by channels).
 *   <li>{@link io.execmodels.examples.Shootout}: the project's main job — every service on every
 *       available model, checked against its expected result, in one table.
 * </ul>
 *
 * <p>The services are demonstrations, not benchmarks: one run each, wall time of that run, no
 * warm-up. Measurements that are meant to be compared with care live in the {@code bench}
 * module.
 */
package io.execmodels.examples;
