/**
 * JMH benchmarks of the {@code eventloop} model's parts that need no loop: for now the HTTP/1.1
 * layer's parse-and-encode path. The loop's own benchmarks, and the HTTP server beside Node under
 * {@code wrk}, are to come.
 */
package io.execmodels.bench.eventloop;
