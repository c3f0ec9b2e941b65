package io.execmodels.testkit.tck;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Puts the model's name and the TCK subclass in front of a failed rule's message. JUnit and
 * Maven name a failed rule by its nested group ({@code ExecutionModelTck$Channels}), the same for
 * every subclass, so in a module that runs the TCK on several models (or one model several ways)
 * the message is what says which one failed. Public only because {@link ExecutionModelTck}, which
 * registers it, is; there is nothing to call on it.
 */
public final class NamesTheModel
    implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  /** For JUnit, which makes one per {@link ExecutionModelTck} subclass. */
  public NamesTheModel() {}

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    throw named(context, thrown);
  }

  /** The cleanup after a rule, which fails the rule when a model does not shut down. */
  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    throw named(context, thrown);
  }

  private static Throwable named(ExtensionContext context, Throwable thrown) {
    Object outer = context.getRequiredTestInstances().getAllInstances().get(0);
    if (!(outer instanceof ExecutionModelTck tck) || !(thrown instanceof AssertionError)) {
      return thrown;
    }
    AssertionError named = new AssertionError("[model '" + tck.modelName() + "', "
        + tck.getClass().getSimpleName() + "] " + thrown.getMessage(), thrown);
    named.setStackTrace(thrown.getStackTrace());
    return named;
  }
}
