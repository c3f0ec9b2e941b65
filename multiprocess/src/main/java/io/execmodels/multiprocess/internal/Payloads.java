package io.execmodels.multiprocess.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.function.Consumer;

/**
 * Java serialization of what crosses the process boundary, behind an allow-list: a class whose
 * name no pattern allows is rejected before any of its code runs, and the failure names it.
 *
 * <p>Patterns use {@link ObjectInputFilter.Config#createFilter} syntax ({@code java.util.*} for a
 * package, {@code com.example.**} for a package and its subpackages, a class name for one class),
 * joined with {@code ;}. Arrays are checked by their element type; primitives always pass.
 * Thread-safe: the filter is immutable and every decode gets its own stream.
 *
 * <p><b>Graph limits.</b> Bytes from another process are untrusted, so a decode is bounded before
 * it allocates or recurses (JEP 290's limits, checked by the same filter): an array may not claim
 * more elements than the payload has bytes (every element takes at least one byte on the wire, so
 * an honest array always fits, while a 30-byte payload claiming two billion {@code long}s is
 * refused before the allocation); nesting is at most {@link #MAX_DEPTH} objects deep by default
 * (deeper graphs overflow a thread's stack while they are read or written); at most {@link
 * #MAX_REFS} objects and back-references by default (both set per pool). A limit hit is a {@link
 * FrameException} naming it, and so is a {@link StackOverflowError} or {@link OutOfMemoryError}
 * raised inside a decode: an {@code Error} from hostile bytes never reaches the thread that reads
 * them.
 */
public final class Payloads {

  /**
   * What every pool allows: value types of {@code java.base} and this library's own classes
   * (serializable lambdas arrive as {@code SerializedLambda} and still need their capturing class
   * allowed).
   */
  public static final String DEFAULT_ALLOWED = String.join(";",
      "java.lang.*", "java.lang.invoke.SerializedLambda", "java.io.*", "java.util.*",
      "java.util.concurrent.*", "java.util.concurrent.atomic.*", "java.time.*", "java.math.*",
      "java.net.URI", "io.execmodels.**");

  /** The default deepest object nesting a payload may have (JEP 290's {@code maxdepth}). */
  public static final long MAX_DEPTH = 256;

  /** The default most objects and back-references a payload may hold ({@code maxrefs}). */
  public static final long MAX_REFS = 1_000_000;

  private final String patterns;
  private final ObjectInputFilter filter;
  private final long maxDepth;
  private final long maxRefs;

  /**
   * A codec allowing {@link #DEFAULT_ALLOWED} and {@code extra} ({@code ;}-separated, or empty),
   * with the default graph limits.
   */
  public Payloads(String extra) {
    this(extra, MAX_DEPTH, MAX_REFS);
  }

  /** A codec allowing {@link #DEFAULT_ALLOWED} and {@code extra}, with the given graph limits. */
  public Payloads(String extra, long maxDepth, long maxRefs) {
    this.patterns = extra.isBlank() ? DEFAULT_ALLOWED : DEFAULT_ALLOWED + ";" + extra;
    this.filter = ObjectInputFilter.Config.createFilter(patterns + ";!*");
    this.maxDepth = maxDepth;
    this.maxRefs = maxRefs;
  }

  /** The depth limit in force, as a child is told it. */
  public long maxDepth() {
    return maxDepth;
  }

  /** The reference limit in force, as a child is told it. */
  public long maxRefs() {
    return maxRefs;
  }

  /** The patterns in force, {@code ;}-separated, as a child is told them. */
  public String patterns() {
    return patterns;
  }

  /**
   * Serializes {@code value}.
   *
   * @throws NotSerializableException naming the class, if something in it is not serializable
   */
  public static byte[] encode(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (StackOverflowError tooDeep) {
      // Serialization recurses once per nesting level; the unwound stack is usable again, so the
      // caller can report the failure instead of losing its thread (a child, a reader).
      throw new NotSerializableException("a " + value.getClass().getName()
          + " nested too deeply to serialize (the stack overflowed; at most " + MAX_DEPTH
          + " levels can cross anyway)");
    }
    return bytes.toByteArray();
  }

  /**
   * Deserializes {@code length} bytes of {@code data} from {@code offset}.
   *
   * @throws FrameException if a class is off the allow-list (naming it), a graph limit is hit
   *     (naming it), a class cannot be found, or the bytes are not a serialized object
   */
  public Object decode(byte[] data, int offset, int length) throws FrameException {
    return decode(data, offset, length, c -> { });
  }

  /**
   * Deserializes as {@link #decode(byte[], int, int)} does, telling {@code admitted} each class
   * the allow-list admits as it is read (a class once per descriptor, so possibly more than once;
   * a deserialized lambda as its hidden class): what a reader elsewhere must be able to load.
   */
  public Object decode(byte[] data, int offset, int length, Consumer<Class<?>> admitted)
      throws FrameException {
    Recording recording = new Recording(filter, length, maxDepth, maxRefs, admitted);
    try (ObjectInputStream in = new ContextLoaderInput(data, offset, length)) {
      in.setObjectInputFilter(recording);
      return in.readObject();
    } catch (StackOverflowError e) {
      throw new FrameException("payload nested too deeply: the stack overflowed while reading it"
          + " (at most " + maxDepth + " levels are allowed)", null);
    } catch (OutOfMemoryError e) {
      throw new FrameException("payload of " + length + " bytes exhausted the heap while being"
          + " read", null);
    } catch (InvalidClassException e) {
      if (recording.overLimit != null) {
        throw new FrameException("payload refused: " + recording.overLimit, e);
      }
      if (recording.rejected != null) {
        throw new FrameException("class " + recording.rejected.getName()
            + " is not on the allow-list (" + patterns + "); allow it, or a package pattern"
            + " (com.acme.**), with PoolOptions.allow(\"" + recording.rejected.getName()
            + "\") or, on the process-pool model, the option process-pool.allow ("
            + "-Dexecmodels.process-pool.allow=" + recording.rejected.getName()
            + "; on the cluster model, cluster.allow; on the grid model, grid.allow)",
            e);
      }
      throw new FrameException("payload does not deserialize: " + e, e);
    } catch (ClassNotFoundException e) {
      throw new FrameException("payload names a class this JVM cannot find: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new FrameException("payload does not deserialize: " + e, e);
    }
  }

  /**
   * Whether the allow-list admits {@code c} (an array by its element type), as a decode would
   * when it meets it; graph limits aside.
   */
  public boolean allows(Class<?> c) {
    Class<?> element = c;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive()) {
      return true;
    }
    Class<?> judged = element.isHidden() ? element.getNestHost() : element;
    return filter.checkInput(new ClassOnly(judged)) != ObjectInputFilter.Status.REJECTED;
  }

  /** A filter query about a class alone: no array, depth, references or bytes to judge. */
  private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {
    @Override
    public long arrayLength() {
      return -1;
    }

    @Override
    public long depth() {
      return 0;
    }

    @Override
    public long references() {
      return 0;
    }

    @Override
    public long streamBytes() {
      return 0;
    }
  }

  /**
   * Resolves classes through the thread's context class loader first (the one frameworks and
   * launchers set for user code), then as plain Java serialization does.
   */
  private static final class ContextLoaderInput extends ObjectInputStream {
    ContextLoaderInput(byte[] data, int offset, int length) throws IOException {
      super(new ByteArrayInputStream(data, offset, length));
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException notThere) {
          // Fall back to the loader of the code on the stack.
        }
      }
      return super.resolveClass(desc);
    }
  }

  private static ObjectInputFilter.FilterInfo asHost(ObjectInputFilter.FilterInfo info) {
    Class<?> host = info.serialClass().getNestHost();
    return new ObjectInputFilter.FilterInfo() {
      @Override
      public Class<?> serialClass() {
        return host;
      }

      @Override
      public long arrayLength() {
        return info.arrayLength();
      }

      @Override
      public long depth() {
        return info.depth();
      }

      @Override
      public long references() {
        return info.references();
      }

      @Override
      public long streamBytes() {
        return info.streamBytes();
      }
    };
  }

  /**
   * How long reading a payload of {@code bytes} may take: one second, and 100 ns a byte more
   * (7.7 s for the default 64 MiB frame; honest payloads read at well under 10 ns a byte). JEP 290
   * has no time limit, and a few KiB of nested sets can keep {@code HashSet.readObject} hashing
   * for ages while within every count; each level's hashing doubles, and the filter runs between
   * levels, so a bomb is stopped within about twice the budget.
   */
  static long timeBudgetNanos(long bytes) {
    return 1_000_000_000L + 100 * bytes;
  }

  /**
   * The graph limits and the time budget, then the allow-list, remembering what each rejected so
   * the failure can name it. One per decode: it holds that decode's payload length and deadline.
   */
  private static final class Recording implements ObjectInputFilter {
    private final ObjectInputFilter delegate;
    private final long payloadBytes;
    private final long maxDepth;
    private final long maxRefs;
    Class<?> rejected;
    String overLimit;

    /** When this decode's time is up ({@link #timeBudgetNanos}). */
    private final long deadline;

    /** Told each class admitted. */
    private final Consumer<Class<?>> admitted;

    Recording(ObjectInputFilter delegate, long payloadBytes, long maxDepth, long maxRefs,
        Consumer<Class<?>> admitted) {
      this.delegate = delegate;
      this.admitted = admitted;
      this.payloadBytes = payloadBytes;
      this.maxDepth = maxDepth;
      this.maxRefs = maxRefs;
      this.deadline = System.nanoTime() + timeBudgetNanos(payloadBytes);
    }

    @Override
    public Status checkInput(FilterInfo info) {
      String limit = limitHit(info);
      if (limit != null) {
        if (overLimit == null) {
          overLimit = limit;
        }
        return Status.REJECTED;
      }
      Class<?> c0 = info.serialClass();
      // A deserialized lambda is checked again as its hidden class: judge it by the class it
      // was written in (its nest host), whose name the patterns are about.
      Status status = delegate.checkInput(c0 != null && c0.isHidden() ? asHost(info) : info);
      if (status == Status.REJECTED && rejected == null) {
        Class<?> c = info.serialClass();
        while (c != null && c.isArray()) {
          c = c.getComponentType();
        }
        rejected = c;
      } else if (status != Status.REJECTED && c0 != null) {
        admitted.accept(c0);
      }
      return status;
    }

    private String limitHit(FilterInfo info) {
      if (info.arrayLength() > payloadBytes) {
        return "an array of " + info.arrayLength() + " elements in a payload of " + payloadBytes
            + " bytes (maxarray: an array may not claim more elements than its payload has"
            + " bytes)";
      }
      if (info.depth() > maxDepth) {
        return "objects nested more than " + maxDepth + " deep (maxdepth)";
      }
      if (info.references() > maxRefs) {
        return "more than " + maxRefs + " objects and references (maxrefs)";
      }
      if (System.nanoTime() - deadline > 0) {
        return "reading took more than " + timeBudgetNanos(payloadBytes) / 1_000_000
            + " ms for " + payloadBytes + " bytes, as a hash-collision or nested-set bomb does"
            + " (maxtime)";
      }
      return null;
    }
  }
}
