package io.execmodels.core.spi;

import java.lang.System.Logger.Level;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads whose continuations run on an {@link Executor} the model chooses: the opt-in
 * path of carrier control.
 *
 * <p><b>Why.</b> Every park and unpark of a virtual thread normally goes through the JDK's default
 * scheduler, a {@code ForkJoinPool}: unmount, push to a carrier's queue, perhaps wake an idle
 * carrier, mount again. A model that knows which fiber runs next (an event loop lends its turn to
 * one known task) pays a cross-thread wake-up for what can be a continuation switch. Measured on
 * JDK 25 on a busy 2-core machine, one run: a park/unpark ping-pong between two virtual threads
 * costs 430-710 ns a round trip when both run on one carrier ({@link OneCarrier}), 1,540-2,650 ns
 * on the default scheduler.
 *
 * <p><b>How.</b> The JDK has no public API for a virtual thread's scheduler yet (Project Loom's
 * custom schedulers are experimental), but JDK 21 to 25 build virtual threads on a given executor
 * through the non-public constructor {@code java.lang.ThreadBuilders.VirtualThreadBuilder(Executor)},
 * which the JDK's own tests use. Core reaches it reflectively, which the JVM allows only if {@code
 * java.base} opens {@code java.lang} to core: {@code --add-opens java.base/java.lang=ALL-UNNAMED}
 * on the class path ({@code =io.execmodels.core} on the module path). {@link #available()} checks
 * once; where it is not allowed, or the system property {@code execmodels.carriers} is {@code
 * default}, models take the default scheduler's path, unchanged. Which path is in use is said
 * once, at {@code DEBUG} on logger {@code io.execmodels}. When the JDK offers a public API, this
 * class is the one place to move to it.
 *
 * <p>A virtual thread on such an executor must never wait for another thread of the same carrier
 * without parking (a spin loop would hold the only carrier its counterpart could run on). Thread-
 * safe.
 */
public final class Carriers {
  private static final System.Logger LOG = System.getLogger("io.execmodels");
  private static final Constructor<?> BUILDER = findBuilder();

  private Carriers() {}

  /** The builder's constructor if this JVM lets core use it and the property allows, else null. */
  private static Constructor<?> findBuilder() {
    if ("default".equals(System.getProperty("execmodels.carriers"))) {
      LOG.log(Level.DEBUG, "execmodels: carrier control off (execmodels.carriers=default)");
      return null;
    }
    try {
      Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
          .getDeclaredConstructor(Executor.class);
      c.setAccessible(true);
      LOG.log(Level.DEBUG, "execmodels: carrier control on (java.lang is open to core)");
      return c;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // InaccessibleObjectException without the flag; NoSuchMethodException on a JDK without it.
      LOG.log(Level.DEBUG, "execmodels: carrier control off, models use the default virtual-thread"
          + " scheduler (" + e + "); --add-opens java.base/java.lang=ALL-UNNAMED turns it on");
      return null;
    }
  }

  /**
   * Whether virtual threads can be built on a model's own executor in this JVM (see the class
   * comment).
   *
   * @return whether {@link #virtualThreadsOn} works in this JVM
   */
  public static boolean available() {
    return BUILDER != null;
  }

  /**
   * A thread-safe factory of unstarted virtual threads whose continuations run on {@code carrier}.
   *
   * @param carrier the executor that runs the virtual threads' continuations
   * @return a factory of unstarted virtual threads on {@code carrier}
   * @throws UnsupportedOperationException if not {@link #available()}, naming the JVM option
   */
  public static ThreadFactory virtualThreadsOn(Executor carrier) {
    if (BUILDER == null) {
      throw new UnsupportedOperationException("virtual threads on a model's own carrier need"
          + " --add-opens java.base/java.lang=ALL-UNNAMED (and execmodels.carriers not 'default')");
    }
    try {
      return ((Thread.Builder.OfVirtual) BUILDER.newInstance(carrier)).factory();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not build virtual threads on " + carrier, e);
    }
  }
}
