/**
 * The cluster module beside Node's {@code cluster}, driven by {@code bench/vs-node-cluster.sh}:
 * an HTTP server as one loop or a cluster of workers sharing a port ({@link
 * io.execmodels.bench.cluster.ClusterHttpServer}, whose workers run {@link
 * io.execmodels.bench.cluster.ClusterHttpWorker}), the lifecycle timings of the anchor's {@code
 * cluster_lifecycle.js} ({@link io.execmodels.bench.cluster.ClusterLifecycle}), and the hashing
 * of the anchor's CPU endpoint ({@link io.execmodels.bench.cluster.HashWork}).
 */
package io.execmodels.bench.cluster;
