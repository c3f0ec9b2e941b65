package io.execmodels.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link LoopTurns} on a loop of its own: a FIFO queue whose batch is what was queued when the
 * batch began, as asyncio's iteration. The models (eventloop, asyncio) test it further.
 */
class LoopTurnsTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  /** A minimal loop: one FIFO queue, run batch by batch on its own virtual thread. */
  private static final class FifoLoop implements TurnLoop {
    final ConcurrentLinkedQueue<Runnable> external = new ConcurrentLinkedQueue<>();
    final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    final Thread thread = Thread.ofVirtual().unstarted(this::run);
    final AtomicInteger steps = new AtomicInteger();
    volatile Thread owner = thread;
    volatile boolean stop;
    int batchLeft;

    @Override
    public void submit(Runnable job) {
      if (Thread.currentThread() == owner) {
        ready.add(job);
      } else {
        external.add(job);
        LockSupport.unpark(thread);
      }
    }

    @Override
    public Runnable nextJob() {
      if (batchLeft == 0) {
        return null;
      }
      batchLeft--;
      return ready.poll();
    }

    @Override
    public void runJob(Runnable job) {
      job.run();
    }

    @Override
    public void stepStarted(Fiber fiber) {
      steps.incrementAndGet();
    }

    @Override
    public void stepEnded(Fiber fiber) {}

    @Override
    public void setOwner(Thread t) {
      owner = t;
    }

    void run() {
      while (!stop) {
        Runnable r;
        while ((r = external.poll()) != null) {
          ready.add(r);
        }
        if (ready.isEmpty()) {
          LockSupport.parkNanos(1_000_000);
          continue;
        }
        batchLeft = ready.size();
        Runnable job;
        while ((job = nextJob()) != null) {
          job.run();
        }
      }
    }

    void close() throws InterruptedException {
      stop = true;
      LockSupport.unpark(thread);
      thread.join();
    }
  }

  @Test
  void onlyOneTaskRunsAtATimeWhileTheyYieldToEachOther() {
    assertTimeoutPreemptively(LIMIT, () -> {
      FifoLoop loop = new FifoLoop();
      LoopTurns turns = new LoopTurns("t-", loop, loop.thread, 100);
      loop.thread.start();
      AtomicInteger running = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(4);
      for (int t = 0; t < 4; t++) {
        turns.spawn(TestBody.of(null, () -> {
          for (int i = 0; i < 500; i++) {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            running.decrementAndGet();
            turns.yieldTurn(this);
          }
          done.countDown();
        }));
      }
      done.await();
      assertThat(most.get()).as("tasks holding the turn at once").isEqualTo(1);
      assertThat(loop.steps.get()).as("a start and 500 resumes per task").isEqualTo(4 * 501);
      assertThat(turns.joinThreads(GraceDeadline.after(LIMIT))).isTrue();
      loop.close();
    });
  }

  @Test
  void aYieldResumesAfterTheJobsQueuedBeforeIt() {
    assertTimeoutPreemptively(LIMIT, () -> {
      FifoLoop loop = new FifoLoop();
      LoopTurns turns = new LoopTurns("t-", loop, loop.thread, 0);
      loop.thread.start();
      List<String> log = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      turns.spawn(TestBody.of("a", () -> {
        log.add("a1");
        loop.submit(() -> log.add("job"));
        turns.yieldTurn(this);
        log.add("a2");
        done.countDown();
      }));
      done.await();
      assertThat(log).containsExactly("a1", "job", "a2");
      turns.joinThreads(GraceDeadline.after(LIMIT));
      loop.close();
    });
  }

  @Test
  void aParkedTaskRunsAgainOnlyOnceUnparked() {
    assertTimeoutPreemptively(LIMIT, () -> {
      FifoLoop loop = new FifoLoop();
      LoopTurns turns = new LoopTurns("t-", loop, loop.thread, 0);
      loop.thread.start();
      List<String> log = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      AtomicInteger woken = new AtomicInteger();
      Fiber[] sleeper = new Fiber[1];
      sleeper[0] = turns.spawn(TestBody.of("sleeper", () -> {
        log.add("parks");
        while (woken.get() == 0) {
          turns.park(this);
        }
        log.add("woken");
        done.countDown();
      }));
      turns.spawn(TestBody.of("waker", () -> {
        log.add("wakes");
        woken.set(1);
        turns.unpark(sleeper[0]);
      }));
      done.await();
      assertThat(log).containsExactly("parks", "wakes", "woken");
      turns.joinThreads(GraceDeadline.after(LIMIT));
      loop.close();
    });
  }

  @Test
  void reuseThreadsRunsARunOfShortTasksOnOneThread() {
    assertTimeoutPreemptively(LIMIT, () -> {
      for (boolean reuse : new boolean[] {false, true}) {
        FifoLoop loop = new FifoLoop();
        LoopTurns turns = new LoopTurns("t-", loop, loop.thread, 0, reuse);
        loop.thread.start();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(3);
        loop.submit(() -> {
          for (int i = 0; i < 3; i++) {
            turns.spawn(TestBody.of(null, () -> {
              threads.add(Thread.currentThread());
              done.countDown();
            }));
          }
        });
        done.await();
        assertThat(threads).as("threads, reuse " + reuse).hasSize(reuse ? 1 : 3);
        turns.joinThreads(GraceDeadline.after(LIMIT));
        loop.close();
      }
    });
  }

  @Test
  void aBlockingCallRunsOnTheWorkersWhileOtherTasksTakeTheTurn() {
    assertTimeoutPreemptively(LIMIT, () -> {
      FifoLoop loop = new FifoLoop();
      LoopTurns turns = new LoopTurns("t-", loop, loop.thread, 0);
      loop.thread.start();
      ExecutorService workers = Executors.newSingleThreadExecutor();
      CountDownLatch opened = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      String[] got = new String[1];
      turns.spawn(TestBody.of("blocked", () -> {
        try {
          got[0] = turns.blocking(workers, () -> {
            opened.await(); // only another task, running meanwhile, opens it
            return "result";
          });
        } catch (Exception e) {
          got[0] = e.toString();
        }
        done.countDown();
      }));
      turns.spawn(TestBody.of("opener", opened::countDown));
      done.await();
      assertThat(got[0]).isEqualTo("result");
      workers.shutdown();
      turns.joinThreads(GraceDeadline.after(LIMIT));
      loop.close();
    });
  }
}
