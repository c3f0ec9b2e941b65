package io.execmodels.testkit.prop;

import java.util.Optional;

/**
 * What exploring a property found.
 *
 * @param property the property's name
 * @param model where it ran: a simulation profile or a real model
 * @param examples how many examples ran before it passed, or up to the failing one
 * @param counterexample the shrunk failing example, if one failed
 */
public record PropertyResult(
    String property, String model, int examples, Optional<Counterexample> counterexample) {

  /**
   * Whether every example passed.
   *
   * @return whether the property passed
   */
  public boolean passed() {
    return counterexample.isEmpty();
  }
}
