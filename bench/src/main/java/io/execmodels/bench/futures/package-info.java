/** Benchmarks of gilsim's {@code concurrent.futures} beside CPython's anchors. */
package io.execmodels.bench.futures;
