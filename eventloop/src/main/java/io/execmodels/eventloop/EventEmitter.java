package io.execmodels.eventloop;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Node's {@code EventEmitter}: named events, each with an ordered list of listeners.
 *
 * <p><b>Order.</b> {@link #emit} calls an event's listeners synchronously, in the order they were
 * added ({@link #prependListener} puts one first), on a copy of the list taken when the emit
 * starts: a listener removed during the emit still runs in it, one added during it does not. A
 * {@link #once} listener is removed just before it runs. A listener that throws ends the emit, and
 * the exception leaves {@code emit}.
 *
 * <p><b>Special events.</b> {@value #NEW_LISTENER} is emitted with the event name and the
 * listener before a listener is added (so it does not see itself); {@value #REMOVE_LISTENER}
 * after one is removed. Emitting {@value #ERROR} with no listener for it throws: the error
 * itself if it is a {@link RuntimeException} or an {@link Error}, else an {@link
 * UnhandledErrorException} ({@code ERR_UNHANDLED_ERROR}, Node's message) with it as the cause or
 * in the message.
 *
 * <p><b>Leaks.</b> The listener that takes an event past {@link #getMaxListeners()} (default
 * {@value #DEFAULT_MAX_LISTENERS}; 0 means no limit) logs Node's {@code
 * MaxListenersExceededWarning} once per event, at {@code WARNING} on logger {@code
 * io.execmodels}; the listener is added all the same.
 *
 * <p>Not thread-safe: use an emitter from one thread, its loop's, as Node does.
 */
public class EventEmitter {

  /** The event emitted before a listener is added: {@code (eventName, listener)}. */
  public static final String NEW_LISTENER = "newListener";
  /** The event emitted after a listener is removed: {@code (eventName, listener)}. */
  public static final String REMOVE_LISTENER = "removeListener";
  /** The event whose emit throws when nobody listens. */
  public static final String ERROR = "error";
  /** Node's {@code EventEmitter.defaultMaxListeners}. */
  public static final int DEFAULT_MAX_LISTENERS = 10;

  private static final System.Logger LOG = System.getLogger("io.execmodels");

  /** Called with an emit's arguments. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Handles one emit of the event it was added for.
     *
     * @param args the arguments given to {@link EventEmitter#emit} after the event's name
     */
    void call(Object... args);
  }

  /**
   * A listener as registered. A {@link #once} one runs at most once, even if an emit already
   * under way reaches it after it was removed (as Node's {@code onceWrapper} with its {@code
   * fired} flag).
   */
  private static final class Entry {
    final Listener listener;
    final boolean once;
    boolean fired;

    Entry(Listener listener, boolean once) {
      this.listener = listener;
      this.once = once;
    }
  }

  private final Map<String, List<Entry>> events = new LinkedHashMap<>();
  private final Set<String> warned = new HashSet<>();
  private int maxListeners = DEFAULT_MAX_LISTENERS;

  /** An emitter with no listeners, {@value #DEFAULT_MAX_LISTENERS} allowed per event. */
  public EventEmitter() {}

  /**
   * Adds {@code listener} at the end of {@code event}'s listeners ({@code on}, {@code
   * addListener}).
   *
   * @param event the event's name; not null
   * @param listener called on each emit of {@code event}; not null; may be added more than once
   * @return this emitter, for chaining
   */
  public EventEmitter on(String event, Listener listener) {
    return add(event, listener, false, false);
  }

  /**
   * Adds {@code listener} at the start of {@code event}'s listeners.
   *
   * @param event the event's name; not null
   * @param listener called on each emit of {@code event}; not null
   * @return this emitter, for chaining
   */
  public EventEmitter prependListener(String event, Listener listener) {
    return add(event, listener, false, true);
  }

  /**
   * Adds {@code listener} for the next emit of {@code event} only.
   *
   * @param event the event's name; not null
   * @param listener called on the next emit of {@code event}, then removed; not null
   * @return this emitter, for chaining
   */
  public EventEmitter once(String event, Listener listener) {
    return add(event, listener, true, false);
  }

  /**
   * {@link #once}, at the start of {@code event}'s listeners.
   *
   * @param event the event's name; not null
   * @param listener called on the next emit of {@code event}, then removed; not null
   * @return this emitter, for chaining
   */
  public EventEmitter prependOnceListener(String event, Listener listener) {
    return add(event, listener, true, true);
  }

  private EventEmitter add(String event, Listener listener, boolean once, boolean first) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(listener, "listener");
    if (events.containsKey(NEW_LISTENER)) {
      emit(NEW_LISTENER, event, listener);
    }
    List<Entry> list = events.computeIfAbsent(event, k -> new ArrayList<>(2));
    Entry entry = new Entry(listener, once);
    if (first) {
      list.add(0, entry);
    } else {
      list.add(entry);
    }
    if (maxListeners > 0 && list.size() > maxListeners && warned.add(event)) {
      LOG.log(Level.WARNING, "MaxListenersExceededWarning: Possible EventEmitter memory leak"
          + " detected. " + list.size() + " " + event + " listeners added to ["
          + getClass().getSimpleName() + "]. MaxListeners is " + maxListeners
          + ". Use emitter.setMaxListeners() to increase limit");
    }
    return this;
  }

  /**
   * Removes the most recently added registration of {@code listener} for {@code event} ({@code
   * off}, {@code removeListener}); nothing if it has none.
   *
   * @param event the event's name
   * @param listener the listener as it was added (for a {@link #once} one, the listener it wraps)
   * @return this emitter, for chaining
   */
  public EventEmitter off(String event, Listener listener) {
    List<Entry> list = events.get(event);
    if (list == null) {
      return this;
    }
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).listener == listener) {
        removeAt(event, list, i);
        break;
      }
    }
    return this;
  }

  /**
   * Removes every listener of {@code event}, last first.
   *
   * @param event the event's name
   * @return this emitter, for chaining
   */
  public EventEmitter removeAllListeners(String event) {
    List<Entry> list = events.get(event);
    while (list != null && !list.isEmpty()) {
      removeAt(event, list, list.size() - 1);
    }
    return this;
  }

  private void removeAt(String event, List<Entry> list, int i) {
    Entry removed = list.remove(i);
    if (list.isEmpty()) {
      events.remove(event);
    }
    if (events.containsKey(REMOVE_LISTENER)) {
      emit(REMOVE_LISTENER, event, removed.listener);
    }
  }

  /**
   * Calls {@code event}'s listeners with {@code args} (see the class comment for the order).
   *
   * @param event the event's name
   * @param args what each listener is called with
   * @return whether the event had listeners
   * @throws RuntimeException what a listener threw, or, for {@value #ERROR} with no listener,
   *     the error (see the class comment)
   */
  public boolean emit(String event, Object... args) {
    List<Entry> list = events.get(event);
    if (list == null || list.isEmpty()) {
      if (ERROR.equals(event)) {
        throw unhandled(args);
      }
      return false;
    }
    for (Entry e : List.copyOf(list)) {
      if (e.once) {
        if (e.fired) {
          continue;
        }
        // Removed before it runs, so that an emit from inside it does not run it again.
        e.fired = true;
        List<Entry> now = events.get(event);
        int at = now == null ? -1 : indexOf(now, e);
        if (at >= 0) {
          removeAt(event, now, at);
        }
      }
      e.listener.call(args);
    }
    return true;
  }

  private static int indexOf(List<Entry> list, Entry e) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == e) {
        return i;
      }
    }
    return -1;
  }

  private static RuntimeException unhandled(Object[] args) {
    if (args.length > 0 && args[0] instanceof RuntimeException r) {
      return r;
    }
    if (args.length > 0 && args[0] instanceof Error e) {
      throw e;
    }
    return new UnhandledErrorException(args);
  }

  /**
   * How many listeners {@code event} has.
   *
   * @param event the event's name
   * @return the number of its listeners; 0 if it has none
   */
  public int listenerCount(String event) {
    List<Entry> list = events.get(event);
    return list == null ? 0 : list.size();
  }

  /**
   * The listeners of {@code event}, in order (a {@link #once} one as the listener it wraps).
   *
   * @param event the event's name
   * @return a copy of its listeners in call order; empty if it has none
   */
  public List<Listener> listeners(String event) {
    List<Entry> list = events.get(event);
    return list == null ? List.of() : list.stream().map(e -> e.listener).toList();
  }

  /**
   * The events that have listeners, in the order their first listener was added.
   *
   * @return a copy of the names; empty if no event has a listener
   */
  public List<String> eventNames() {
    return List.copyOf(events.keySet());
  }

  /**
   * Sets the number of listeners of one event past which a leak is suspected (see the class
   * comment); 0 for no limit.
   *
   * @param n the limit per event; 0 for none
   * @return this emitter, for chaining
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public EventEmitter setMaxListeners(int n) {
    if (n < 0) {
      throw new IllegalArgumentException(
          "The value of \"setMaxListeners\" is out of range. It must be >= 0. Received " + n);
    }
    maxListeners = n;
    return this;
  }

  /**
   * See {@link #setMaxListeners}.
   *
   * @return the limit per event; 0 for none
   */
  public int getMaxListeners() {
    return maxListeners;
  }
}
