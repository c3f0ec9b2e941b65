/**
 * The {@code grid} model: tasks on virtual threads in this JVM, as on {@code process-pool}, and
 * {@code compute} jobs on the members of a Hazelcast cluster. {@link
 * io.execmodels.grid.GridModelProvider} registers the model and documents its options and failure
 * semantics; {@link io.execmodels.grid.GridMember} starts a standalone member;
 * {@link io.execmodels.grid.MemberLostException} is the failure of a job whose member left. The
 * rest (the scheduler, the wire's carrier, Hazelcast's configuration) is package-private.
 */
package io.execmodels.grid;
