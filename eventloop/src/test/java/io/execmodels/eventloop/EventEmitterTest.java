package io.execmodels.eventloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link EventEmitter} against node's, on the scenario of {@code order/eventEmitter.js}. */
@Timeout(30)
class EventEmitterTest {

  @Test
  void listenersRunInNodesOrderWithItsSpecialEventsErrorsAndLeakWarning() throws Exception {
    List<String> log = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel() == Level.WARNING && r.getMessage().startsWith("MaxListeners")) {
          warnings.add(r.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger jul = Logger.getLogger("io.execmodels");
    jul.addHandler(handler);
    try {
      EventEmitter e = new EventEmitter();
      e.on("newListener", args -> {
        if (!args[0].equals("removeListener")) {
          log.add("newListener " + args[0] + " (count " + e.listenerCount((String) args[0]) + ")");
        }
      });
      e.on("removeListener", args -> log.add("removeListener " + args[0]));
      EventEmitter.Listener a = args -> log.add("a " + args[0]);
      EventEmitter.Listener c = args -> log.add("c " + args[0]);
      EventEmitter.Listener late = args -> log.add("late " + args[0]);
      EventEmitter.Listener b = args -> {
        log.add("b " + args[0]);
        e.off("x", c);
        e.on("x", late);
      };
      e.on("x", a);
      e.on("x", b);
      e.on("x", c);
      e.prependListener("x", args -> log.add("first " + args[0]));
      e.once("x", args -> log.add("once " + args[0] + " (count now " + e.listenerCount("x")
          + ")"));
      log.add("emit 1 -> " + e.emit("x", 1));
      log.add("emit 2 -> " + e.emit("x", 2));
      log.add("emit nobody -> " + e.emit("nobody"));
      log.add("names " + String.join(",", e.eventNames()));
      try {
        e.emit("error", new IllegalStateException("boom"));
      } catch (IllegalStateException err) {
        log.add("error thrown: " + err.getMessage());
      }
      try {
        e.emit("error", "not an Error");
      } catch (UnhandledErrorException err) {
        log.add("error thrown: " + err.code() + ": " + err.getMessage());
      }
      e.on("error", args -> log.add("error handled: " + ((Throwable) args[0]).getMessage()));
      log.add("emit error -> " + e.emit("error", new IllegalStateException("caught")));
      EventEmitter f = new EventEmitter();
      EventEmitter.Listener o = args -> log.add("once ran");
      f.on("y", args -> f.off("y", o));
      f.once("y", o);
      f.emit("y");
      f.emit("y");
      log.add("f's y listeners " + f.listenerCount("y"));
      e.removeAllListeners("x");
      log.add("after removeAll " + e.listenerCount("x"));
      EventEmitter m = new EventEmitter();
      for (int i = 0; i < 12; i++) {
        m.on("many", args -> { });
      }
      EventEmitter u = new EventEmitter().setMaxListeners(0);
      for (int i = 0; i < 20; i++) {
        u.on("many", args -> { });
      }
    } finally {
      jul.removeHandler(handler);
    }
    List<String> ours = new ArrayList<>(log);
    ours.addAll(warnings);
    assertThat(ours).isEqualTo(NodeScript.run("eventEmitter"));
  }

  @Test
  void anErrorEventWithNobodyListeningThrowsACheckedErrorAsItsCauseAndNothingAsUndefined() {
    EventEmitter e = new EventEmitter();
    IOException disk = new IOException("disk");
    assertThatThrownBy(() -> e.emit("error", disk)).isInstanceOf(UnhandledErrorException.class)
        .hasCause(disk).hasMessage("Unhandled error. (java.io.IOException: disk)");
    assertThatThrownBy(() -> e.emit("error")).isInstanceOf(UnhandledErrorException.class)
        .hasMessage("Unhandled error. (undefined)");
    assertThatThrownBy(() -> e.setMaxListeners(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The value of \"setMaxListeners\" is out of range. It must be >= 0."
            + " Received -1");
  }

  @Test
  void aListenerThatThrowsEndsTheEmitAndTheExceptionLeavesIt() {
    EventEmitter e = new EventEmitter();
    List<String> ran = new ArrayList<>();
    e.on("x", args -> {
      throw new IllegalArgumentException("bad listener");
    });
    e.on("x", args -> ran.add("second"));
    assertThatThrownBy(() -> e.emit("x")).hasMessage("bad listener");
    assertThat(ran).isEmpty();
    assertThat(e.listeners("x")).hasSize(2);
  }
}
