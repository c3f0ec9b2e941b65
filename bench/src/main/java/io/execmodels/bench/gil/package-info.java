/**
 * The {@code gil-threads} model's fidelity figures, measured as the CPython anchors in {@code
 * ../shared/anchors/python/bench/gil_*.py} measure CPython's; {@code bench/vs-python-gil.sh}
 * prints both side by side.
 */
package io.execmodels.bench.gil;
