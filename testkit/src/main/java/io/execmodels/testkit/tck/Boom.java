package io.execmodels.testkit.tck;

/** A failure a rule throws on purpose, to tell it apart from any other. */
final class Boom extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure labelled {@code label}. */
  Boom(String label) {
    super(label);
  }
}
