package io.execmodels.bench.cluster;

import io.execmodels.eventloop.http.HttpHandler;
import io.execmodels.eventloop.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The endpoints of the Node anchor's {@code server.js}: {@code hello} answers 200 "hello" at
 * once; {@code cpu} first runs {@link HashWork} ({@code CPU_ITERS} iterations, about 2 ms once
 * calibrated) on the loop, as Node's handler does on its own.
 */
final class ServerHandlers {

  private ServerHandlers() {}

  /** {@code CPU_ITERS} from the environment (30 if unset, the anchor's default). */
  static int cpuIterations() {
    return Integer.parseInt(System.getenv().getOrDefault("CPU_ITERS", "30"));
  }

  /** The handler of {@code mode}. */
  static HttpHandler of(String mode, int cpuIterations) {
    HttpResponse hello = HttpResponse.of(200, "text/plain",
        "hello".getBytes(StandardCharsets.ISO_8859_1));
    return switch (mode) {
      case "hello" -> HttpHandler.sync(r -> hello);
      case "cpu" -> HttpHandler.sync(r -> {
        HashWork.run(cpuIterations);
        return hello;
      });
      default -> throw new IllegalArgumentException("MODE is hello or cpu, not " + mode);
    };
  }
}
