package io.execmodels.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link LoopProcess}'s {@code beforeExit} and {@code exit}, against node. */
@Timeout(30)
class ProcessEventsTest {

  @Test
  void beforeExitComesEachTimeTheLoopRunsDryAndExitOnceAtTheEnd() throws Exception {
    List<String> out = new ArrayList<>();
    EventLoop loop = new EventLoop();
    LoopProcess process = loop.process();
    int[] rounds = {0};
    loop.run(() -> {
      process.on(LoopProcess.BEFORE_EXIT, args -> {
        out.add("beforeExit " + args[0] + " round " + rounds[0]);
        if (rounds[0]++ < 2) {
          int r = rounds[0];
          loop.setTimeout(() -> out.add("timer from beforeExit " + r), 1);
          loop.queueMicrotask(() -> out.add("microtask from beforeExit"));
          loop.nextTick(() -> out.add("tick from beforeExit"));
        } else {
          process.setExitCode(3);
        }
      });
      process.on(LoopProcess.EXIT, args -> {
        out.add("exit " + args[0] + " exitCode " + process.exitCode());
        loop.setTimeout(() -> out.add("timer from exit: never"), 0);
        loop.queueMicrotask(() -> out.add("microtask from exit"));
      });
      process.on(LoopProcess.EXIT, args -> {
        out.add("second exit listener");
        process.setExitCode(0);
      });
      loop.setImmediate(() -> out.add("immediate"));
      out.add("main");
    });
    loop.close();
    assertThat(out).isEqualTo(NodeScript.run("processEvents"));
  }

  @Test
  void exitEndsTheLoopAtOnceAfterItsListeners() throws Exception {
    List<String> out = new ArrayList<>();
    EventLoop loop = new EventLoop();
    LoopProcess process = loop.process();
    loop.run(() -> {
      process.on(LoopProcess.BEFORE_EXIT, args -> out.add("beforeExit never"));
      process.on(LoopProcess.EXIT, args -> {
        out.add("exit " + args[0]);
        loop.queueMicrotask(() -> out.add("microtask in the exit listener never"));
        process.setExitCode(0);
      });
      loop.setTimeout(() -> {
        loop.queueMicrotask(() -> out.add("microtask queued before exit() never"));
        loop.setImmediate(() -> out.add("immediate never"));
        out.add("calling exit");
        process.exit(5);
        out.add("after exit never");
      }, 1);
      loop.setTimeout(() -> out.add("same-phase timer never"), 1);
    });
    loop.close();
    assertThat(out).isEqualTo(NodeScript.run("processExit"));
  }

  @Test
  void anUncaughtFailureEndsTheLoopWithExitCodeOneAndNoBeforeExit() {
    List<String> out = new ArrayList<>();
    EventLoop loop = new EventLoop();
    LoopProcess process = loop.process();
    process.on(LoopProcess.BEFORE_EXIT, args -> out.add("beforeExit"));
    process.on(LoopProcess.EXIT, args -> out.add("exit " + args[0]));
    assertThatThrownBy(() -> loop.run(() -> loop.setTimeout(() -> {
      throw new IllegalStateException("x");
    }, 1))).isInstanceOf(EventLoopException.class).hasRootCauseMessage("x");
    loop.close();
    assertThat(out).containsExactly("exit 1");
  }

  @Test
  void exitOffTheLoopThreadIsRefused() {
    EventLoop loop = new EventLoop();
    assertThatThrownBy(() -> loop.process().exit(1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("process.exit() called off the loop thread");
    loop.close();
  }
}
