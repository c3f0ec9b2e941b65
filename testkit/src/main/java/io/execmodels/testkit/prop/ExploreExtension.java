package io.execmodels.testkit.prop;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModels;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs {@link Explore} methods: one invocation per model, each exploring the method as a property
 * (its own invocation by JUnit is skipped: the property engine calls the method, once per example,
 * with the run's {@link Ctx}). Stateless and thread-safe.
 */
public final class ExploreExtension implements TestTemplateInvocationContextProvider {

  /** For JUnit. */
  public ExploreExtension() {}

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(Explore.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    Explore explore = method.getAnnotation(Explore.class);
    if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != Ctx.class) {
      throw new IllegalArgumentException("@Explore method " + method
          + " must take exactly one parameter, a Ctx");
    }
    List<String> models = Arrays.asList(explore.models()).contains("*")
        ? ExecutionModels.available() : List.of(explore.models());
    String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
    return models.stream().map(model -> invocation(name, model, explore));
  }

  private static TestTemplateInvocationContext invocation(
      String name, String model, Explore explore) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return model;
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new CtxPlaceholder(), new Explorer(name, model, explore));
      }
    };
  }

  /** Satisfies JUnit's resolution of the {@code Ctx} parameter; the engine passes the real one. */
  private static final class CtxPlaceholder implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
      return p.getParameter().getType() == Ctx.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
      return null;
    }
  }

  /** Replaces JUnit's one call of the method by the exploration of it under one model. */
  private static final class Explorer implements InvocationInterceptor {
    private final String name;
    private final String model;
    private final Explore explore;

    Explorer(String name, String model, Explore explore) {
      this.name = name;
      this.model = model;
      this.explore = explore;
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
        ReflectiveInvocationContext<Method> context, ExtensionContext extension) {
      invocation.skip();
      Method method = context.getExecutable();
      Object target = context.getTarget().orElse(null);
      method.setAccessible(true);
      Property<Void> property = Property.of(name, (ctx, none) -> {
        try {
          method.invoke(target, ctx);
        } catch (InvocationTargetException e) {
          Throwable cause = e.getCause();
          if (cause instanceof Error error) {
            throw error;
          }
          throw cause instanceof Exception x ? x : new IllegalStateException(cause);
        }
      }).withMaxExamples(explore.examples());
      if (explore.pct() > 0) {
        property = property.withPct(explore.pct());
      }
      if (explore.seed() != Long.MIN_VALUE) {
        property = property.withSeed(explore.seed());
      }
      PropertyTests.on(property, model).check();
    }
  }
}
