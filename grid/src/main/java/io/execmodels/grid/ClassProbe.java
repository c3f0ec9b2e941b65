package io.execmodels.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import io.execmodels.multiprocess.internal.Payloads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Asks a member, before a job is sent to it, whether it can read the job: whether each class the
 * job carries is on the member's class path, is admitted by the member's allow-list, and is the
 * same version as here (its {@code serialVersionUID}). Only the member knows its class path and
 * its list, and a job sent to a member that cannot read it would have left this JVM for nothing;
 * the model asks once per member and class, and remembers the answer.
 *
 * <p>What is asked is class names and versions as plain strings and numbers ({@link
 * DataOutputStream}), not serialized objects, so the member resolves no class it is sent (it
 * loads the named ones, without initializing them, as Java deserialization would) and its
 * Hazelcast filter admits this class and byte arrays only. The answer is the list of problems, as
 * sentences naming the class; empty when the member can read the job. {@link #call} never throws.
 * Each instance is used once; not thread-safe.
 */
final class ClassProbe implements Callable<byte[]>, Serializable, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;

  /** The most classes one probe may name: a member reads no more from a request. */
  static final int MAX_CLASSES = 4096;

  /** The classes, as {@link #request} encoded them. */
  private final byte[] request;
  /** Set by the member before {@link #call}; absent on the sending side. */
  private transient HazelcastInstance member;

  private ClassProbe(byte[] request) {
    this.request = request;
  }

  /**
   * A probe of {@code classes}, class names to the versions this side has (null where the
   * version is not compared).
   */
  static ClassProbe of(Map<String, Long> classes) {
    if (classes.size() > MAX_CLASSES) {
      throw new IllegalArgumentException("the job carries " + classes.size() + " classes; a"
          + " member checks at most " + MAX_CLASSES + " before it reads one");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(classes.size());
      for (Map.Entry<String, Long> e : classes.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeBoolean(e.getValue() != null);
        out.writeLong(e.getValue() == null ? 0 : e.getValue());
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException("writing to memory failed", impossible);
    }
    return new ClassProbe(bytes.toByteArray());
  }

  /**
   * Adds {@code c}, a class a decode here admitted, to {@code classes} if a member might lack it:
   * a class of the JDK is left out (a member runs a JDK too), a lambda's hidden class stands for
   * the class that wrote it, a proxy for its interfaces, an array for its element type.
   */
  static void note(Class<?> c, Map<String, Long> classes) {
    Class<?> element = c;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive() || fromJdk(element)) {
      return;
    }
    if (element.isHidden()) {
      note(element.getNestHost(), classes);
    } else if (Proxy.isProxyClass(element)) {
      for (Class<?> i : element.getInterfaces()) {
        note(i, classes);
      }
    } else {
      if (!classes.containsKey(element.getName())) {
        classes.put(element.getName(), version(element));
      }
    }
  }

  /**
   * The {@code serialVersionUID} both sides must agree on, or null where Java serialization does
   * not compare it (enums, records) or the class is not serialized itself.
   */
  private static Long version(Class<?> c) {
    if (c.isEnum() || c.isRecord()) {
      return null;
    }
    ObjectStreamClass desc = ObjectStreamClass.lookup(c);
    return desc == null ? null : desc.getSerialVersionUID();
  }

  private static boolean fromJdk(Class<?> c) {
    ClassLoader loader = c.getClassLoader();
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance instance) {
    this.member = instance;
  }

  /** Checks the classes on the member; returns the problems found, encoded by {@link #answer}. */
  @Override
  public byte[] call() {
    List<String> problems = new ArrayList<>();
    try {
      Object payloads = member == null ? null : member.getUserContext().get(JobCarrier.PAYLOADS);
      if (!(payloads instanceof Payloads p)) {
        problems.add("it was not started by execmodels (io.execmodels.grid.GridMember or the grid"
            + " model), so it has no allow-list to read a job with");
      } else {
        for (Map.Entry<String, Long> e : read(request).entrySet()) {
          String problem = problem(e.getKey(), e.getValue(), p);
          if (problem != null) {
            problems.add(problem);
          }
        }
      }
    } catch (Throwable t) {
      // The member's executor thread must not die, and Hazelcast must get bytes: a malformed
      // request, or anything else, is an answer too.
      problems.add("it could not check the job's classes: " + t);
    }
    return answer(problems);
  }

  /**
   * What stops the member reading class {@code name} of {@code version} (null: any), or null if
   * nothing.
   */
  private static String problem(String name, Long version, Payloads payloads) {
    Class<?> c;
    try {
      c = load(name);
    } catch (ClassNotFoundException | LinkageError e) {
      return "class " + name + " is not on its class path (" + e + "); put the jar or"
          + " directory holding the job's classes on every member's class path";
    }
    if (!payloads.allows(c)) {
      return "class " + name + " is not on its allow-list (" + payloads.patterns() + "); start"
          + " every member with grid.allow admitting it, as this side's does";
    }
    if (version != null) {
      ObjectStreamClass desc = ObjectStreamClass.lookup(c);
      if (desc == null) {
        return "class " + name + " is not Serializable in the member's version of it";
      }
      if (desc.getSerialVersionUID() != version.longValue()) {
        return "class " + name + " is another version there (serialVersionUID "
            + desc.getSerialVersionUID() + " against " + version + " here); give the members"
            + " the same build of the job's classes";
      }
    }
    return null;
  }

  /** Loads as the member's job decode resolves: the context class loader, then this class's. */
  private static Class<?> load(String name) throws ClassNotFoundException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      try {
        return Class.forName(name, false, context);
      } catch (ClassNotFoundException notThere) {
        // Fall back to the loader the member's own classes came from.
      }
    }
    return Class.forName(name, false, ClassProbe.class.getClassLoader());
  }

  private static Map<String, Long> read(byte[] request) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(request));
    int n = in.readInt();
    if (n < 0 || n > MAX_CLASSES) {
      throw new IOException("a probe of " + n + " classes (at most " + MAX_CLASSES + ")");
    }
    Map<String, Long> classes = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      boolean compared = in.readBoolean();
      long version = in.readLong();
      classes.put(name, compared ? version : null);
    }
    return classes;
  }

  private static byte[] answer(List<String> problems) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(problems.size());
      for (String p : problems) {
        out.writeUTF(p.length() > 8192 ? p.substring(0, 8192) + "..." : p);
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException("writing to memory failed", impossible);
    }
    return bytes.toByteArray();
  }

  /**
   * The problems in a member's answer.
   *
   * @throws IOException if {@code answer} is not one
   */
  static List<String> problems(byte[] answer) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(answer));
    int n = in.readInt();
    if (n < 0 || n > MAX_CLASSES + 1) {
      throw new IOException("an answer claiming " + n + " problems");
    }
    List<String> problems = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      problems.add(in.readUTF());
    }
    return problems;
  }
}
