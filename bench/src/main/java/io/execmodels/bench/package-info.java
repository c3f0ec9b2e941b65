/**
 * Benchmarks (to come): JMH benchmarks of each model's hot paths — channel ping-pong and
 * throughput, select fan-in, spawn and join, timers, await round trips, process-pool round trips —
 * and scripts that run the same figures beside the real Go, Node.js and CPython in one session and
 * print ratios. Not a published module.
 */
package io.execmodels.bench;
