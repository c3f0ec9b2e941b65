/**
 * CPython's concurrency: the {@link io.execmodels.gilsim.Gil} (CPython's "new GIL": switch
 * interval, drop requests, forced switching, released around every wait) and the {@code
 * gil-threads} model on it ({@link io.execmodels.gilsim.GilThreadsModelProvider}), whose tasks
 * are platform threads under one GIL. Python's {@code threading} and {@code queue} modules are in
 * the subpackages of those names.
 */
package io.execmodels.gilsim;
