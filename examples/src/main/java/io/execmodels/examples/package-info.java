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
 *       available model, checked against its expected result, timed over warm-up and measured
 *       rounds, with its memory figures ({@code TaskMemory}, {@code HeapPeak}, {@code
 *       ChildProcesses}) and the request workloads at several arrival rates ({@code OpenLoop},
 *       {@code RequestWorkload}, {@code LevelResult}); what it measured so far is a {@code
 *       Session}'s, which a Ctrl-C reports as partial; tables, verdicts and a report ({@code
 *       Report}).
 * </ul>
 *
 * <p>The shootout is an overview on the user's machine, not a benchmark: measurements that are
 * meant to be compared with care live in the {@code bench} module.
 */
package io.execmodels.examples;
