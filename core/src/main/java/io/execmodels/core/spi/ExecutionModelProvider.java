package io.execmodels.core.spi;

import io.execmodels.core.Config;
import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ModelOption;
import java.util.List;

/**
 * Makes a model available by name to {@link io.execmodels.core.ExecutionModels}. Registered for
 * {@link java.util.ServiceLoader}: in {@code META-INF/services/io.execmodels.core.spi.ExecutionModelProvider}
 * for the class path and with {@code provides} in {@code module-info.java} for the module path.
 *
 * <p>Implementations are public, have a public no-argument constructor and are thread-safe.
 */
public interface ExecutionModelProvider {

  /**
   * The name the model is opened by: lower case, stable, unique ({@code csp}, {@code eventloop}).
   *
   * @return the model's name
   */
  String name();

  /**
   * Every name this provider opens a model by: {@link #name()} first, then variants of it (the
   * simulation's {@code sim:eventloop}, {@code sim:csp}...), each unique among all providers. The
   * chosen name reaches {@link #open} as {@link Config#model()}. The default is {@link #name()}
   * alone.
   *
   * @return the names, {@link #name()} first; never empty
   */
  default List<String> names() {
    return List.of(name());
  }

  /**
   * One line on what the model emulates, for listings.
   *
   * @return a one-line description
   */
  String description();

  /**
   * The options the model reads from {@link Config#options()}, for listings and for the check that
   * opening a model makes: a key in one of these options' namespaces that is none of them is
   * refused before {@link #open} is called. The default declares none, and then nothing is
   * checked.
   *
   * @return the options the model reads; empty if it declares none
   */
  default List<ModelOption> options() {
    return List.of();
  }

  /**
   * Opens a new, independent instance of the model; {@code config} names one of {@link #names()}.
   *
   * @param config the configuration, naming the model in {@link Config#model()}
   * @return the new, open model, which the caller closes
   * @throws IllegalArgumentException naming the setting, if {@code config} holds one the model
   *     cannot honour
   */
  ExecutionModel open(Config config);
}
