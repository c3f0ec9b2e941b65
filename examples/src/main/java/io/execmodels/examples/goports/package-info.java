/**
 * Go programs ported line by line to {@code csp}. Each class ports the Go program of the same
 * name in {@code examples/src/main/go/<name>/main.go} and prints exactly what it prints; a test
 * runs both and compares. They show what a port looks like, and check that {@code csp} behaves
 * as Go does where the output can tell.
 */
package io.execmodels.examples.goports;
