/**
 * Node's {@code cluster} for the event loop: a primary forks workers, each a child JVM running an
 * {@link io.execmodels.eventloop.EventLoop} of its own, and supervises them; workers bind one
 * port with {@code SO_REUSEPORT}. {@link io.execmodels.eventloop.cluster.Cluster} is the primary's
 * side, {@link io.execmodels.eventloop.cluster.ClusterWorker} its handle on one worker, and {@link
 * io.execmodels.eventloop.cluster.WorkerProcess} a worker's own side ({@code process.send}, {@code
 * process.on("message")}).
 *
 * <p>{@link io.execmodels.eventloop.cluster.ClusterModelProvider} registers the {@code cluster}
 * model of core's SPI on the same machinery: tasks on the primary's loop, as on {@code eventloop};
 * {@code compute} jobs to the next free worker, each running them on its own loop.
 *
 * <p>The process machinery is multiprocess's ({@link io.execmodels.multiprocess.ChildLink}): same
 * {@code java} and class path, private Unix socket, length-prefixed frames, allow-listed
 * serialization, parent-death detection, reaping. This lives in a module of its own, on eventloop
 * and multiprocess, so that a user of the event loop alone does not get the process machinery.
 */
package io.execmodels.eventloop.cluster;
