/**
 * JMH benchmarks of the {@code eventloop} model, each the twin of a figure of the Node anchor
 * ({@code micro.js}) or of the JVM anchor's event-loop peers (Netty 4.2's NIO loop), so that
 * {@code bench/vs-node.sh} can print them side by side from one run; and {@code HttpHelloServer},
 * the twin of the Node anchor's {@code server.js}, which {@code bench/vs-node-http.sh} puts
 * beside Node's under {@code wrk}.
 */
package io.execmodels.bench.eventloop;
