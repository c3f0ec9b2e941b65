/**
 * Node's {@code cluster} for the event loop: a primary forks workers, each a child JVM running an
 * {@link io.execmodels.eventloop.EventLoop} of its own, and supervises them; workers bind one
 * port with {@code SO_REUSEPORT}. {@link io.execmodels.eventloop.cluster.Cluster} is the primary's
 * side, {@link io.execmodels.eventloop.cluster.ClusterWorker} its handle on one worker, and {@link
 * io.execmodels.eventloop.cluster.WorkerProcess} a worker's own side ({@code process.send}, {@code
 * process.on("message")}).
 *
 * <p>The process machinery is multiprocess's ({@link io.execmodels.multiprocess.ChildLink}): same
 * {@code java} and class path, private Unix socket, length-prefixed frames, allow-listed
 * serialization, parent-death detection, reaping. This lives in a module of its own, not in
 * {@code eventloop}: eventloop is a named module and multiprocess an automatic one, and requiring
 * an automatic module from a named one draws javac's {@code requires-automatic} warning (the build
 * is warning-free under {@code -Xlint:all}) and ties eventloop's module graph to a jar name.
 */
package io.execmodels.eventloop.cluster;
