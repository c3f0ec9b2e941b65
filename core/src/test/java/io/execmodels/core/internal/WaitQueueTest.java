package io.execmodels.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitQueueTest {

  private static Waiter waiter(int id) {
    return new Waiter(new Selection(null, "test", null), id, null, false, null);
  }

  private static List<Integer> drain(WaitQueue q) {
    List<Integer> ids = new ArrayList<>();
    for (Waiter w; (w = q.poll()) != null; ) {
      assertThat(w.queued).isFalse();
      ids.add(w.caseIndex);
    }
    return ids;
  }

  @Test
  void waitersLeaveInTheOrderTheyCame() {
    WaitQueue q = new WaitQueue();
    for (int i = 0; i < 5; i++) {
      q.add(waiter(i));
    }
    assertThat(drain(q)).containsExactly(0, 1, 2, 3, 4);
    assertThat(q.count()).isZero();
  }

  @Test
  void aWaiterCanBeWithdrawnFromAnywhereAndOnlyOnce() {
    WaitQueue q = new WaitQueue();
    Waiter[] w = new Waiter[5];
    for (int i = 0; i < 5; i++) {
      w[i] = waiter(i);
      q.add(w[i]);
    }
    q.remove(w[0]);
    q.remove(w[2]);
    q.remove(w[4]);
    q.remove(w[2]);
    assertThat(drain(q)).containsExactly(1, 3);
    q.add(w[2]);
    q.remove(w[2]);
    assertThat(q.count()).isZero();
  }
}
