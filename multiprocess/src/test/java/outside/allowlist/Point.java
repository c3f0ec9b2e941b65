package outside.allowlist;

import java.io.Serializable;

/** A serializable value in a package no pool allows by default. */
public record Point(int x, int y) implements Serializable {}
