/**
 * Child JVMs for execmodels (to come): started with the parent's {@code java} and class path,
 * talking length-prefixed frames over a private Unix domain socket, supervised (a dead child fails
 * its tasks and is replaced; no orphans, no zombies). It carries the {@code process-pool} model
 * (Python's {@code ProcessPoolExecutor}) and the ground of Node's {@code cluster}.
 */
package io.execmodels.multiprocess;
