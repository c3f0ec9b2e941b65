/**
 * The {@code gil-threads} and {@code asyncio} models (to come): CPython's {@code threading} under
 * the global interpreter lock (5 ms switch interval, drop requests, released around blocking
 * calls) and CPython's {@code asyncio} loop, whose coroutines borrow the loop's turn.
 */
package io.execmodels.gilsim;
