/** The CI's consumer: a service written against core's public API alone. */
module consumer {
  requires io.execmodels.core;
}
