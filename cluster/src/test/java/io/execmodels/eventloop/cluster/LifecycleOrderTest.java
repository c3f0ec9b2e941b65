package io.execmodels.eventloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.execmodels.eventloop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster's events in Node's order, on the scenario of {@code order/lifecycle.js}: worker 1
 * comes online, listens, answers three pings in order and is disconnected by the primary; worker
 * 2 is killed with SIGKILL once online. Real worker JVMs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LifecycleOrderTest {

  @Test
  void eventsComeInNodesOrder() throws Exception {
    List<String> out = new ArrayList<>();
    EventLoop loop = new EventLoop();
    try (Cluster cluster = new Cluster(loop, ClusterSettings.of(EchoWorker.class))) {
      loop.run(() -> {
        for (String e : List.of("fork", "online", "listening", "message", "disconnect",
            "exit")) {
          cluster.on(e, a -> out.add("cluster:" + e + " " + ((ClusterWorker) a[0]).id()
              + (e.equals("message") ? " " + a[1] : "")
              + (e.equals("exit") ? " " + a[1] + " " + a[2] : "")));
        }
        ClusterWorker one = cluster.fork(Map.of("SERVE_PORT", "0"));
        for (String e : List.of("online", "listening", "message", "disconnect", "exit")) {
          one.on(e, a -> out.add("worker:" + e + (e.equals("message") ? " " + a[0] : "")
              + (e.equals("exit") ? " " + a[0] + " " + a[1] : "")));
        }
        one.on("message", a -> {
          if (a[0].equals("pong 3")) {
            one.disconnect();
          }
        });
        one.on("listening", a -> {
          for (int i = 1; i <= 3; i++) {
            one.send("ping " + i);
          }
        });
        one.on("exit", a -> {
          out.add("exitedAfterDisconnect " + one.exitedAfterDisconnect());
          ClusterWorker two = cluster.fork();
          // As node's two.process.kill('SIGKILL'): a kill from outside, not worker.kill().
          two.on("online", b -> ProcessHandle.of(two.pid()).orElseThrow().destroyForcibly());
          two.on("exit", b -> out.add("exitedAfterDisconnect " + two.exitedAfterDisconnect()));
        });
      });
    }
    loop.close();
    List<String> expected = List.of(
        "cluster:fork 1", "worker:online", "cluster:online 1", "worker:listening",
        "cluster:listening 1", "cluster:message 1 pong 1", "worker:message pong 1",
        "cluster:message 1 pong 2", "worker:message pong 2", "cluster:message 1 pong 3",
        "worker:message pong 3", "worker:disconnect", "cluster:disconnect 1",
        "worker:exit 0 null", "exitedAfterDisconnect true", "cluster:exit 1 0 null",
        "cluster:fork 2", "cluster:online 2", "cluster:disconnect 2",
        "exitedAfterDisconnect false", "cluster:exit 2 null SIGKILL");
    assertThat(out).containsExactlyElementsOf(expected);
    assertThat(out).isEqualTo(NodeScript.run("lifecycle"));
  }
}
