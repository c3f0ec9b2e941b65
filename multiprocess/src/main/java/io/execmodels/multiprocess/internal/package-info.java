/**
 * Internals of the multiprocess module, not part of its API: the frame format both sides of the
 * socket speak, the serialization of payloads behind the allow-list, and the child JVM's main
 * class. Nothing outside {@code io.execmodels.multiprocess} uses this package but the {@code grid}
 * model ({@code io.execmodels.grid}, to which alone it is exported), whose jobs and results cross
 * a Hazelcast cluster as {@link io.execmodels.multiprocess.internal.Payloads} and {@link
 * io.execmodels.multiprocess.internal.Values} bytes, with the same allow-list and limits.
 */
package io.execmodels.multiprocess.internal;
