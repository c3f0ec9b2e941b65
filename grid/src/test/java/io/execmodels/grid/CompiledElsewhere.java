package io.execmodels.grid;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A class compiled while a test runs, into a directory only this JVM's loader sees: what a member
 * started from the build's class path does not have, or has in another version. Its loader looks
 * in that directory first for the compiled class's own name, and delegates everything else to
 * the test's class loader.
 */
final class CompiledElsewhere {

  private CompiledElsewhere() {}

  /**
   * Compiles {@code source}, the source of public class {@code name}, against this JVM's class
   * path, and loads it.
   */
  static Class<?> compile(String name, String source, Path dir) throws IOException,
      ClassNotFoundException {
    Path file = dir.resolve("src").resolve(name.replace('.', '/') + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("this JVM (" + System.getProperty("java.home")
          + ") has no Java compiler: the tests need a JDK");
    }
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"), "-proc:none", file.toString());
    if (rc != 0) {
      throw new IllegalStateException("javac failed on " + file + " (" + rc + ")");
    }
    return new OwnFirst(name, classes.toUri().toURL()).loadClass(name);
  }

  /** Loads one class from its own directory, first; the rest as the test does. */
  private static final class OwnFirst extends URLClassLoader {
    private final String own;

    OwnFirst(String own, URL dir) {
      super(new URL[] {dir}, CompiledElsewhere.class.getClassLoader());
      this.own = own;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(own)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        return c != null ? c : findClass(name);
      }
    }
  }

  /** The source of a job class {@code pkg.simple} returning {@code value}, of version {@code uid}. */
  static String job(String pkg, String simple, long uid, int value) {
    return String.join("\n", List.of(
        "package " + pkg + ";",
        "public final class " + simple + " implements io.execmodels.core.Job<Integer> {",
        "  private static final long serialVersionUID = " + uid + "L;",
        "  @Override public Integer compute() { return " + value + "; }",
        "}"));
  }
}
