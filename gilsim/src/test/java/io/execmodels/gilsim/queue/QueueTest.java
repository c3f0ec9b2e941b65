package io.execmodels.gilsim.queue;

import static io.execmodels.gilsim.threading.PyLines.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.ExecutionModels;
import io.execmodels.core.Task;
import io.execmodels.gilsim.GilThreadsModelProvider;
import io.execmodels.gilsim.PythonScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code queue}'s queues on the {@code gil-threads} model, compared with CPython's. */
class QueueTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final Duration TEN_MS = Duration.ofMillis(10);

  @Test
  void aQueueOfAClosedModelRefusesPutsAndEmptyGetsButGivesUpWhatItHolds() throws Exception {
    Queue<String> q;
    try (ExecutionModel model = ExecutionModels.open(GilThreadsModelProvider.NAME)) {
      q = model.run(ctx -> {
        Queue<String> made = new Queue<>(4);
        made.put("left");
        return made;
      });
    }
    String refused = "on a queue whose interpreter has shut down (the gil-threads model that made"
        + " it is closed)";
    assertThatThrownBy(() -> q.put("late")).isInstanceOf(Queue.ShutDown.class)
        .hasMessage("put " + refused);
    assertThatThrownBy(() -> q.putNowait("late")).isInstanceOf(Queue.ShutDown.class)
        .hasMessage("put_nowait " + refused);
    assertThat(q.get()).isEqualTo("left");
    // Empty now: a get would wait for good, as nobody is left to put.
    assertThatThrownBy(q::get).isInstanceOf(Queue.ShutDown.class).hasMessage("get " + refused);
    assertThatThrownBy(q::getNowait).isInstanceOf(Queue.ShutDown.class)
        .hasMessage("get_nowait " + refused);
  }

  @Test
  void aQueueMadeOutsideAnyInterpreterIsNobodysAndNeverShutDown() throws Exception {
    Queue<String> q = new Queue<>();
    try (ExecutionModel model = ExecutionModels.open(GilThreadsModelProvider.NAME)) {
      model.run(ctx -> {
        q.put("from a task");
        return null;
      });
    }
    q.put("after");
    assertThat(List.of(q.get(), q.get())).containsExactly("from a task", "after");
  }

  @Test
  void queuesOrderTheirItemsAndFailAsCPythons() throws Exception {
    List<String> ours = assertTimeoutPreemptively(LIMIT, () -> {
      try (ExecutionModel model = ExecutionModels.open(GilThreadsModelProvider.NAME)) {
        return model.run(ctx -> {
          List<String> out = new ArrayList<>();
          for (Queue<Integer> q : List.of(new Queue<Integer>(), new LifoQueue<Integer>(),
              new PriorityQueue<Integer>())) {
            for (int x : new int[] {3, 1, 2}) {
              q.put(x);
            }
            out.add(q.getClass().getSimpleName() + " " + List.of(q.get(), q.get(), q.get()));
          }
          Queue<String> q = new Queue<>(2);
          q.putNowait("a");
          q.putNowait("b");
          out.add(attempt("full", q::full));
          out.add(attempt("put_nowait on a full queue", () -> {
            q.putNowait("c");
            return null;
          }));
          out.add(attempt("put 10 ms on a full queue", () -> {
            q.put("c", TEN_MS);
            return null;
          }));
          out.add(attempt("qsize", q::qsize));
          out.add(attempt("get", q::get));
          out.add(attempt("get", q::get));
          out.add(attempt("get_nowait on an empty queue", q::getNowait));
          out.add(attempt("get 10 ms on an empty queue", () -> q.get(TEN_MS)));
          out.add(attempt("get with a negative timeout", () -> q.get(Duration.ofSeconds(-1))));
          for (int i = 0; i < 2; i++) {
            out.add(attempt("task_done", () -> {
              q.taskDone();
              return null;
            }));
          }
          out.add(attempt("task_done once too often", () -> {
            q.taskDone();
            return null;
          }));
          out.add(attempt("join with nothing unfinished", () -> {
            q.join();
            return null;
          }));
          return out;
        });
      }
    });
    assertThat(ours).isEqualTo(PythonScript.run(QueueTest.class, "queues.py").stream()
        .map(String::stripTrailing).toList());
  }

  @Test
  void aBoundedQueueHandsItemsBetweenTasksInOrderAndJoinWaitsForEveryTaskDone() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (ExecutionModel model = ExecutionModels.open(GilThreadsModelProvider.NAME)) {
        List<Integer> got = model.run(ctx -> {
          Queue<Integer> q = new Queue<>(4);
          List<Integer> seen = new ArrayList<>();
          Task<Void> consumer = ctx.spawn(c -> {
            for (int i = 0; i < 1000; i++) {
              seen.add(q.get());
              q.taskDone();
            }
            return null;
          });
          for (int i = 0; i < 1000; i++) {
            q.put(i); // waits, with the GIL given up, whenever the consumer is 4 behind
          }
          q.join();
          ctx.await(consumer);
          return seen;
        });
        assertThat(got).hasSize(1000).isSorted();
      }
    });
  }
}
