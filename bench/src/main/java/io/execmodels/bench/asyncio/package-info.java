/** The asyncio model beside CPython's asyncio: the anchor's workloads, written in Java. */
package io.execmodels.bench.asyncio;
