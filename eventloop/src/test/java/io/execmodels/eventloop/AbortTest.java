package io.execmodels.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AbortController}, {@link AbortSignal} and {@link TimersPromises}, against node. */
@Timeout(30)
class AbortTest {

  private static String name(Throwable e) {
    return e instanceof AbortError a ? a.name() : e.getClass().getSimpleName();
  }

  @Test
  void abortingFollowsNodesOrder() throws Exception {
    List<String> out = new ArrayList<>();
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      AbortController ac = new AbortController(loop);
      ac.signal().onAbort(() -> out.add("listener " + name(ac.signal().reason()) + " "
          + ac.signal().reason().getMessage()));
      TimersPromises.setTimeout(loop, 1000, "v", ac.signal()).then(
          v -> out.add("resolved " + v),
          e -> {
            AbortError a = (AbortError) e;
            return out.add("rejected " + a.name() + " " + a.code() + " " + a.getMessage() + " "
                + name(a.getCause()));
          });
      ac.abort();
      out.add("aborted " + ac.signal().aborted());
      ac.abort();
      try {
        ac.signal().throwIfAborted();
      } catch (AbortError e) {
        out.add("throwIfAborted " + e.name());
      }
      AbortController custom = new AbortController(loop);
      custom.abort(new IllegalStateException("mine"));
      out.add("custom reason " + custom.signal().reason().getMessage());
      TimersPromises.setTimeout(loop, 1, "x", custom.signal()).catchError(e -> {
        out.add("already aborted " + name(e) + " " + e.getCause().getMessage());
        return null;
      });
      // Unref'd, and far past the last ref'd timer: the loop ends without it, on both sides.
      AbortSignal t = AbortSignal.timeout(loop, 1000);
      t.onAbort(() -> out.add("timeout " + name(t.reason()) + " " + t.reason().getMessage()));
      TimersPromises.setTimeout(loop, 5, "ok", null).then(v -> out.add("slept " + v));
      TimersPromises.setImmediate(loop, "imm", null).then(v -> out.add("immediate " + v));
    });
    loop.close();
    assertThat(out).isEqualTo(NodeScript.run("abort"));
  }

  @Test
  void aTimeoutSignalAbortsWithATimeoutErrorWhileTheLoopLives() throws Exception {
    List<String> out = new ArrayList<>();
    EventLoop loop = new EventLoop();
    loop.run(() -> {
      AbortSignal t = AbortSignal.timeout(loop, 5);
      t.onAbort(() -> out.add("timeout " + name(t.reason())));
      TimersPromises.setTimeout(loop, 60_000, "late", t).catchError(e -> {
        out.add("rejected " + name(e) + " caused by " + name(e.getCause()));
        return null;
      });
      loop.setTimeout(() -> out.add("keeps the loop alive"), 30);
    });
    loop.close();
    assertThat(out).containsExactly("timeout TimeoutError", "rejected AbortError caused by"
        + " TimeoutError", "keeps the loop alive");
  }
}
