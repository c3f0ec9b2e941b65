package io.execmodels.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelRingTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4})
  void valuesLeaveInTheOrderTheyCameAcrossManyLaps(int capacity) {
    ChannelRing ring = new ChannelRing(capacity);
    int next = 0;
    int expected = 0;
    for (int lap = 0; lap < 10; lap++) {
      while (ring.offer(next) == ChannelRing.Offer.SENT) {
        next++;
      }
      assertThat(ring.size()).isEqualTo(capacity);
      for (Object v; (v = ring.poll()) != ChannelImpl.EMPTY; ) {
        assertThat(v).isEqualTo(expected++);
      }
      assertThat(ring.size()).isZero();
    }
    assertThat(expected).isEqualTo(next).isEqualTo(10 * capacity);
  }

  @Test
  void aFullRingRefusesAndTakesAgainOnceAValueLeaves() {
    ChannelRing ring = new ChannelRing(2);
    assertThat(ring.offer("a")).isEqualTo(ChannelRing.Offer.SENT);
    assertThat(ring.offer("b")).isEqualTo(ChannelRing.Offer.SENT);
    assertThat(ring.offer("c")).isEqualTo(ChannelRing.Offer.FULL);
    assertThat(ring.poll()).isEqualTo("a");
    assertThat(ring.offer("c")).isEqualTo(ChannelRing.Offer.SENT);
    assertThat(ring.poll()).isEqualTo("b");
    assertThat(ring.poll()).isEqualTo("c");
    assertThat(ring.poll()).isSameAs(ChannelImpl.EMPTY);
  }

  @Test
  void aClosedRingRefusesOffersAndDrainsBeforeReportingClosed() {
    ChannelRing ring = new ChannelRing(4);
    ring.offer("a");
    ring.offer("b");
    assertThat(ring.close()).isTrue();
    assertThat(ring.close()).as("second close").isFalse();
    assertThat(ring.isClosed()).isTrue();
    assertThat(ring.offer("c")).isEqualTo(ChannelRing.Offer.CLOSED);
    assertThat(ring.size()).isEqualTo(2);
    assertThat(ring.poll()).isEqualTo("a");
    assertThat(ring.poll()).isEqualTo("b");
    assertThat(ring.poll()).isSameAs(ChannelImpl.CLOSED);
    assertThat(ring.poll()).isSameAs(ChannelImpl.CLOSED);
  }

  @Test
  void aRingNeedsAPositiveCapacity() {
    assertThatThrownBy(() -> new ChannelRing(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive capacity, was 0");
  }

  /**
   * Producers and consumers on platform threads race, and a closer closes the ring midway. Every
   * value accepted before the close is received exactly once, each producer's values in the order
   * it sent them, nothing is accepted after the close, and consumers see CLOSED only once drained.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 64})
  @Timeout(60)
  void racingProducersConsumersAndACloseLoseNothingAndKeepEachProducersOrder(int capacity)
      throws Exception {
    int producers = 3;
    int consumers = 3;
    int perProducer = 5_000;
    for (int round = 0; round < 3; round++) {
      ChannelRing ring = new ChannelRing(capacity);
      AtomicInteger accepted = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      int[][] lastSeen = new int[consumers][producers];
      int[] received = new int[consumers];
      for (int p = 0; p < producers; p++) {
        int id = p;
        threads.add(new Thread(() -> {
          await(start);
          for (int seq = 0; seq < perProducer; seq++) {
            ChannelRing.Offer r;
            while ((r = ring.offer(new long[] {id, seq})) == ChannelRing.Offer.FULL) {
              Thread.onSpinWait();
            }
            if (r == ChannelRing.Offer.CLOSED) {
              return;
            }
            accepted.incrementAndGet();
          }
        }));
      }
      for (int c = 0; c < consumers; c++) {
        int id = c;
        Arrays.fill(lastSeen[id], -1);
        threads.add(new Thread(() -> {
          await(start);
          for (; ; ) {
            Object v = ring.poll();
            if (v == ChannelImpl.CLOSED) {
              return;
            }
            if (v == ChannelImpl.EMPTY) {
              Thread.onSpinWait();
              continue;
            }
            long[] m = (long[]) v;
            int producer = (int) m[0];
            int seq = (int) m[1];
            if (seq <= lastSeen[id][producer]) {
              throw new AssertionError("producer " + producer + "'s value " + seq
                  + " after " + lastSeen[id][producer] + " at consumer " + id);
            }
            lastSeen[id][producer] = seq;
            received[id]++;
          }
        }));
      }
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      for (Thread t : threads) {
        t.setUncaughtExceptionHandler((th, e) -> failures.add(e));
        t.start();
      }
      start.countDown();
      while (accepted.get() < producers * perProducer / 2) {
        Thread.onSpinWait();
      }
      assertThat(ring.close()).isTrue();
      for (Thread t : threads) {
        t.join();
      }
      assertThat(failures).isEmpty();
      int total = 0;
      for (int r : received) {
        total += r;
      }
      assertThat(total).as("values received").isEqualTo(accepted.get());
      assertThat(ring.poll()).isSameAs(ChannelImpl.CLOSED);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
