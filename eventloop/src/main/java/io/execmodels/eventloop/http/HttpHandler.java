package io.execmodels.eventloop.http;

import io.execmodels.core.Task;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The application: answers one request. Called on the connection's thread (the loop thread for
 * the event-loop server), once per request, in the order requests arrive; it must not block.
 *
 * <p>The returned stage may complete on any thread and in any order relative to other requests of
 * the same connection: {@link HttpConnection} writes responses in request order regardless. A
 * handler that throws, returns null, or whose stage fails gets a {@code 500} sent in its place
 * (the failure is logged on logger {@code io.execmodels}), and the connection goes on.
 */
@FunctionalInterface
public interface HttpHandler {

  /**
   * Answers {@code request}; see the type's contract.
   *
   * @param request the request, whole
   * @return a stage of the response; null or a failed stage gives a {@code 500}
   */
  CompletionStage<HttpResponse> handle(HttpRequest request);

  /**
   * A handler that answers at once, on the connection's thread.
   *
   * @param handler computes the response on the connection's thread; not null
   * @return a handler completing at once with {@code handler}'s response
   */
  static HttpHandler sync(Function<? super HttpRequest, HttpResponse> handler) {
    Objects.requireNonNull(handler, "handler");
    return request -> CompletableFuture.completedFuture(handler.apply(request));
  }

  /**
   * Serves {@code handler}, which reads each request's body as it arrives: a connection given
   * this handler hands it the request at the end of its header section and streams the body
   * into its {@link RequestBody}. Called directly with a whole request, as {@link #handle}, it
   * gives the body in one piece once a data listener is set.
   *
   * @param handler the application that reads bodies as they arrive; not null
   * @return a handler the connection streams request bodies to
   */
  static HttpHandler streaming(StreamingHttpHandler handler) {
    return new Streaming(Objects.requireNonNull(handler, "handler"));
  }

  /**
   * What {@link #streaming} returns: the connection recognises it and streams bodies to it.
   *
   * @param handler the application that reads bodies as they arrive
   */
  record Streaming(StreamingHttpHandler handler) implements HttpHandler {
    @Override
    public CompletionStage<HttpResponse> handle(HttpRequest request) {
      RequestBody[] body = new RequestBody[1];
      body[0] = new RequestBody(() -> {
        if (request.bodyLength() > 0) {
          body[0].data(request.body());
        }
        body[0].end(request.trailers());
      });
      return handler.handle(request, body[0]);
    }
  }

  /**
   * A handler whose answer is a core {@link Task}, for example one spawned on the loop.
   *
   * @param handler starts a task answering the request; not null
   * @return a handler whose stage completes as that task does
   */
  static HttpHandler ofTasks(Function<? super HttpRequest, Task<HttpResponse>> handler) {
    Objects.requireNonNull(handler, "handler");
    return request -> handler.apply(request).toCompletableFuture();
  }
}
