/**
 * Non-blocking networking on the event loop: TCP and the HTTP/1.1 server, Node's {@code net} and
 * {@code http}.
 *
 * <ul>
 *   <li>{@link io.execmodels.eventloop.net.TcpServer} listens and accepts; {@link
 *       io.execmodels.eventloop.net.TcpConnection} is one connection, accepted or opened with
 *       {@code connect}, with a write queue and back-pressure ({@code write} returns false past a
 *       high-water mark, {@code onDrain} follows), half-close ({@code end}) and close; {@link
 *       io.execmodels.eventloop.net.TcpHandler} receives its events.
 *   <li>{@link io.execmodels.eventloop.net.HttpServer} puts {@link
 *       io.execmodels.eventloop.http.HttpConnection} on each accepted connection: the HTTP
 *       protocol, limits and timeouts live there, this package only moves the bytes and arms
 *       the timer.
 * </ul>
 *
 * <p>Everything here is built on {@link io.execmodels.eventloop.EventLoop#register}: each socket
 * is an {@link io.execmodels.eventloop.IoHandle} of the loop's selector, so its callbacks run in
 * the poll phase on the loop thread with the microtask checkpoint after each, and an open socket
 * keeps the loop alive unless unref'd. Not here: TLS, UDP, Unix domain sockets, an HTTP client.
 */
package io.execmodels.eventloop.net;
