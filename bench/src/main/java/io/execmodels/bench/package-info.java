/**
 * JMH benchmarks of the models' hot paths, each beside the JVM peer it is measured against in the
 * same run. Build with {@code ./mvnj -pl bench -am package -DskipTests}, run with {@code
 * bench/run.sh [regex]}. To come: the side-by-side scripts against the real Go, Node.js and
 * CPython ({@code ../shared/anchors}). Not a published module.
 */
package io.execmodels.bench;
