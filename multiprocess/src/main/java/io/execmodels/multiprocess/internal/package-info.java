/**
 * Internals of the multiprocess module, not part of its API: the frame format both sides of the
 * socket speak, the serialization of payloads behind the allow-list, and the child JVM's main
 * class. Nothing outside {@code io.execmodels.multiprocess} uses this package.
 */
package io.execmodels.multiprocess.internal;
