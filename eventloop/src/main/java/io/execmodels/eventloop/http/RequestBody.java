package io.execmodels.eventloop.http;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A request body read as it arrives ({@link StreamingHttpHandler}): Node's request stream, with
 * its {@code 'data'}, {@code 'end'} and {@code 'error'} events and {@code pause()}/{@code
 * resume()}.
 *
 * <p><b>Order.</b> The body's bytes arrive in order through the {@link #onData} listener, then
 * exactly one of {@link #onEnd} (with the trailers of a chunked body, else empty headers) or
 * {@link #onError} (the connection closed or the body was malformed). A body starts paused: no
 * byte is read for it until a data listener is set, so a handler that subscribes later loses
 * nothing (and one that never does leaves the request to its {@link
 * HttpConfig#requestTimeout()}).
 *
 * <p><b>Threading.</b> Every listener runs on the connection's thread (the loop thread), and
 * every method must be called there. A piece given to {@code onData} is valid only during the
 * call: it is a view of the connection's read buffer, so copy what you keep.
 *
 * <p><b>Back-pressure.</b> {@link #pause()} stops reading from the peer after the current piece;
 * what was read already is kept and delivered after {@link #resume()}.
 */
public final class RequestBody {
  /** Told to read on (resume, or a first data listener); set by the connection. */
  private final Runnable readOn;
  private Consumer<ByteBuffer> onData;
  private Consumer<HttpHeaders> onEnd = t -> { };
  private Consumer<Throwable> onError = e -> { };
  private boolean paused;
  private boolean finished;
  private HttpHeaders endedWith;
  private Throwable failedWith;

  RequestBody(Runnable readOn) {
    this.readOn = readOn;
  }

  /**
   * Sets the listener for the body's pieces, and starts reading if not {@link #pause}d.
   *
   * @param listener called with each piece of the body, valid during the call only; not null
   * @return this body
   */
  public RequestBody onData(Consumer<ByteBuffer> listener) {
    boolean first = onData == null;
    onData = Objects.requireNonNull(listener, "listener");
    if (first && !paused) {
      readOn.run();
    }
    return this;
  }

  /**
   * Sets the listener for the body's end, with its trailers; called at once if it has ended.
   *
   * @param listener called once with the trailers of a chunked body, else empty headers; not null
   * @return this body
   */
  public RequestBody onEnd(Consumer<HttpHeaders> listener) {
    onEnd = Objects.requireNonNull(listener, "listener");
    if (finished && endedWith != null) {
      listener.accept(endedWith);
    }
    return this;
  }

  /**
   * Sets the listener for a body that cannot end; called at once if it has failed.
   *
   * @param listener called once with why the body cannot end; not null
   * @return this body
   */
  public RequestBody onError(Consumer<Throwable> listener) {
    onError = Objects.requireNonNull(listener, "listener");
    if (finished && failedWith != null) {
      listener.accept(failedWith);
    }
    return this;
  }

  /** Stops reading the body from the peer after the current piece. */
  public void pause() {
    paused = true;
  }

  /** Reads on after {@link #pause()}. */
  public void resume() {
    if (paused) {
      paused = false;
      if (onData != null) {
        readOn.run();
      }
    }
  }

  /**
   * Whether the body is paused, or has no data listener yet: nothing more is read for it.
   *
   * @return true while nothing more is read for it
   */
  public boolean isPaused() {
    return paused || onData == null;
  }

  /**
   * Whether the body has ended or failed.
   *
   * @return true once the body has ended or failed
   */
  public boolean isFinished() {
    return finished;
  }

  void data(ByteBuffer piece) {
    assert !finished && onData != null;
    onData.accept(piece);
  }

  void end(HttpHeaders trailers) {
    if (!finished) {
      finished = true;
      endedWith = trailers;
      onEnd.accept(trailers);
    }
  }

  void fail(Throwable e) {
    if (!finished) {
      finished = true;
      failedWith = e;
      onError.accept(e);
    }
  }
}
