package io.execmodels.core;

import java.util.List;

/** Thrown when a model is asked for by a name no provider on the class path or module path has. */
public final class UnknownModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The names that are available. */
  private final List<String> known;

  /**
   * Creates it for {@code name}, listing the {@code known} names.
   *
   * @param name the name asked for
   * @param known the names that are available, sorted
   */
  public UnknownModelException(String name, List<String> known) {
    super("unknown execution model '" + name + "'; available: " + known
        + (known.isEmpty() ? " (add a model module, such as execmodels-csp, to the class path)" : ""));
    this.known = List.copyOf(known);
  }

  /**
   * The names that are available, sorted.
   *
   * @return the available names, sorted
   */
  public List<String> known() {
    return known;
  }
}
