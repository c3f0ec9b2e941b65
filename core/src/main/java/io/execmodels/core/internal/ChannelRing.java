package io.execmodels.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The buffer of a buffered channel: a bounded, closable, lock-free multi-producer multi-consumer
 * FIFO of non-null values.
 *
 * <p>The algorithm is Dmitry Vyukov's bounded queue. Two counters, {@code tail} (the next position
 * to write) and {@code head} (the next position to read), only grow; position {@code p} lives in
 * slot {@code p % capacity}. Each slot has a stamp saying what it is ready for: {@code 2p} when it
 * waits for the value of position {@code p}, {@code 2p + 1} once that value is written; reading it
 * makes the stamp {@code 2(p + capacity)}, ready for the write of the next lap. (Vyukov's stamps
 * are {@code p} and {@code p + 1}, which cannot tell "written" from "read" apart when the capacity
 * is 1; doubling them can.) A producer claims a position by a compare-and-set of {@code tail}, then
 * writes the value and stamps the slot; a consumer claims one by a compare-and-set of {@code head},
 * then takes the value and stamps the slot for the next lap. A claim and its stamp are a few
 * instructions apart, so a thread that finds a claimed but unstamped slot spins for it instead of
 * reporting full or empty.
 *
 * <p>Closing sets the top bit of {@code tail}. A producer's claim is a compare-and-set of the whole
 * word, so it fails once the bit is set: every value whose position was claimed before the close is
 * in the buffer (or about to be, and then waited for), and none after. A consumer reports {@link
 * ChannelImpl#CLOSED} only when {@code head} has caught up with a closed {@code tail}, so the
 * values sent before the close are all received first, as Go's channels do.
 *
 * <p>Why not JCTools' {@code MpmcArrayQueue}, which is the same algorithm: close must be atomic
 * with the producer's claim, and {@link BufferedChannel}'s "did a waiter arrive while I worked"
 * checks need the counters themselves as their synchronization points (see there); neither is
 * reachable through a {@code Queue}.
 *
 * <p>Memory ordering: the counters are read and compare-and-set with volatile semantics, which are
 * sequentially consistent with the volatile accesses of the channel's waiter counts; a slot's value
 * is published by its stamp (a release store, read with acquire), so a consumer that sees a stamp
 * sees the value written before it.
 */
final class ChannelRing extends ChannelRingTail {
  /** Set in {@code tail} once the channel is closed. Positions never reach it. */
  private static final long CLOSED_BIT = 1L << 62;

  /** Spins on a slot claimed by a thread that has not stamped it yet, before yielding to it. */
  private static final int SPINS_BEFORE_YIELD = 64;

  private static final VarHandle STAMP = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle ITEM = MethodHandles.arrayElementVarHandle(Object[].class);

  private final int capacity;
  /** {@code capacity - 1} for a power-of-two capacity (a mask beats a division), else -1. */
  private final long mask;
  private final long[] stamps;
  private final Object[] items;

  ChannelRing(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException(
          "a channel ring needs a positive capacity, was " + capacity);
    }
    this.capacity = capacity;
    this.mask = Integer.bitCount(capacity) == 1 ? capacity - 1 : -1;
    this.stamps = new long[capacity];
    this.items = new Object[capacity];
    for (int i = 0; i < capacity; i++) {
      stamps[i] = 2L * i;
    }
    // The final fields and the stamps above are published with the ring itself: the channel that
    // holds it is handed to other threads only through a safe publication (a task's start).
  }

  private int slot(long position) {
    return (int) (mask >= 0 ? position & mask : position % capacity);
  }

  /** The outcome of {@link #offer}. */
  enum Offer {
    SENT,
    FULL,
    CLOSED
  }

  /** Appends {@code value} unless the ring is full or closed. Never blocks; spins only briefly. */
  Offer offer(Object value) {
    int spins = 0;
    long t = tailVolatile();
    for (; ; ) {
      if ((t & CLOSED_BIT) != 0) {
        return Offer.CLOSED;
      }
      int i = slot(t);
      long stamp = (long) STAMP.getAcquire(stamps, i);
      if (stamp == 2 * t) {
        if (casTail(t, t + 1)) {
          // The slot was freed by the read of position t - capacity, which moved head past it.
          assert t + 1 - headVolatile() <= capacity : "tail ran more than a lap ahead of head";
          ITEM.set(items, i, value);
          // Release: a consumer that acquires the stamp sees the value.
          STAMP.setRelease(stamps, i, 2 * t + 1);
          return Offer.SENT;
        }
        t = tailVolatile();
        continue;
      }
      if (stamp == 2 * (t - capacity) + 1 && headVolatile() == t - capacity) {
        // The slot still holds the value of the lap before, and no consumer has claimed it.
        return Offer.FULL;
      }
      // Another producer moved tail on, or a consumer claimed the slot and has not stamped it.
      spins = backOff(spins);
      t = tailVolatile();
    }
  }

  /**
   * Takes the oldest value: the value, {@link ChannelImpl#EMPTY} if there is none, or {@link
   * ChannelImpl#CLOSED} if there is none and the ring is closed. Never blocks; spins only briefly.
   */
  Object poll() {
    int spins = 0;
    long h = headVolatile();
    for (; ; ) {
      int i = slot(h);
      long stamp = (long) STAMP.getAcquire(stamps, i);
      if (stamp == 2 * h + 1) {
        if (casHead(h, h + 1)) {
          // The slot was stamped by the write of position h, which moved tail past it.
          assert (tailVolatile() & ~CLOSED_BIT) > h : "head passed tail";
          Object value = ITEM.get(items, i);
          ITEM.set(items, i, null);
          // Release: the next lap's producer, which acquires the stamp, finds the slot cleared.
          STAMP.setRelease(stamps, i, 2 * (h + capacity));
          return value;
        }
        h = headVolatile();
        continue;
      }
      if (stamp == 2 * h) {
        long t = tailVolatile();
        if ((t & ~CLOSED_BIT) == h) {
          return (t & CLOSED_BIT) != 0 ? ChannelImpl.CLOSED : ChannelImpl.EMPTY;
        }
        // A producer has claimed position h and not stamped it yet: its value is coming.
      }
      spins = backOff(spins);
      h = headVolatile();
    }
  }

  /** Closes the ring: later offers fail. Returns false if it was already closed. */
  boolean close() {
    for (; ; ) {
      long t = tailVolatile();
      if ((t & CLOSED_BIT) != 0) {
        return false;
      }
      if (casTail(t, t | CLOSED_BIT)) {
        return true;
      }
    }
  }

  boolean isClosed() {
    return (tailVolatile() & CLOSED_BIT) != 0;
  }

  /**
   * How many values are in the ring: exact when no offer or poll runs at the same time, otherwise
   * an estimate between 0 and the capacity. It reads each counter once and never loops, since
   * callers may hold the channel's lock.
   */
  int size() {
    long t = tailVolatile() & ~CLOSED_BIT;
    long h = headVolatile();
    return (int) Math.max(0, Math.min(capacity, t - h));
  }

  int capacity() {
    return capacity;
  }

  /**
   * Waits for another thread to finish the few instructions between its claim and its stamp. It
   * is running (it just won a compare-and-set), so a short spin is enough, unless the operating
   * system took its carrier away: then yielding lets it run.
   */
  private static int backOff(int spins) {
    if (spins < SPINS_BEFORE_YIELD) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
    return spins + 1;
  }
}

/** Padding that keeps the ring's {@code head} off the cache line of the object header before it. */
abstract class ChannelRingHeadPadding {
  long p00, p01, p02, p03, p04, p05, p06, p07;
  long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The consumers' counter, alone on its cache line so producers do not keep stealing it. */
abstract class ChannelRingHead extends ChannelRingHeadPadding {
  private static final VarHandle HEAD;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(ChannelRingHead.class, "head", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through HEAD
  private volatile long head;

  final long headVolatile() {
    return head;
  }

  final boolean casHead(long expect, long next) {
    return HEAD.compareAndSet(this, expect, next);
  }
}

/** Padding between the consumers' and the producers' counters. */
abstract class ChannelRingMidPadding extends ChannelRingHead {
  long p20, p21, p22, p23, p24, p25, p26, p27;
  long p30, p31, p32, p33, p34, p35, p36, p37;
}

/** The producers' counter, with the closed bit. */
abstract class ChannelRingTailField extends ChannelRingMidPadding {
  private static final VarHandle TAIL;

  static {
    try {
      TAIL = MethodHandles.lookup().findVarHandle(ChannelRingTailField.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through TAIL
  private volatile long tail;

  final long tailVolatile() {
    return tail;
  }

  final boolean casTail(long expect, long next) {
    return TAIL.compareAndSet(this, expect, next);
  }
}

/** Padding that keeps {@code tail} off the cache line of the ring's own fields after it. */
abstract class ChannelRingTail extends ChannelRingTailField {
  long p40, p41, p42, p43, p44, p45, p46, p47;
  long p50, p51, p52, p53, p54, p55, p56, p57;
}
