/**
 * HTTP/1.1 for the event loop's TCP server: a request parser, a response encoder and a
 * per-connection state machine, none of which knows about sockets or threads.
 *
 * <p>The public face is small:
 *
 * <ul>
 *   <li>{@link io.execmodels.eventloop.http.HttpConnection}: one server connection. The transport
 *       feeds it bytes ({@code onRead}, {@code onEof}), tells it when it may write ({@code
 *       onWritable}) and asks it on a timer whether to drop the connection ({@code
 *       checkTimeouts}, {@code nextDeadline}). It answers pipelined requests in order, keeps
 *       connections alive by RFC 9112's rules, applies back-pressure, half-closes cleanly and
 *       drops slowloris clients.
 *   <li>{@link io.execmodels.eventloop.http.HttpTransport}: what the connection needs from the byte
 *       stream ({@code write}, read/write interest, {@code shutdownOutput}, {@code close}, {@code
 *       execute}). The loop's TCP transport implements it over a non-blocking {@code
 *       SocketChannel}: readable → {@code onRead} (or {@code onEof} on -1, {@code close} on an
 *       {@code IOException}), writable → {@code onWritable}, a timer at {@code nextDeadline} (or
 *       a periodic sweep) → {@code checkTimeouts}, server stop → {@code shutdown}; {@code
 *       execute} is the loop's task queue (never run inline), interest changes are {@code
 *       SelectionKey.interestOps}. One read buffer may serve every connection: {@code onRead}
 *       consumes it whole. The tests' {@code NioHttpServer} is such an adapter in 150 lines.
 *   <li>{@link io.execmodels.eventloop.http.HttpHandler}, {@link
 *       io.execmodels.eventloop.http.HttpRequest}, {@link
 *       io.execmodels.eventloop.http.HttpResponse},
 *       {@link io.execmodels.eventloop.http.HttpHeaders}: the application's side; {@link
 *       io.execmodels.eventloop.http.StreamingHttpHandler} and {@link
 *       io.execmodels.eventloop.http.RequestBody} for bodies read as they arrive.
 *   <li>{@link io.execmodels.eventloop.http.HttpConfig}: limits and timeouts.
 * </ul>
 *
 * <p>Parsing is incremental and strict where leniency invites request smuggling (RFC 9112
 * sections 2.2, 5, 6 and 7.1): CRLF line endings only, no obs-fold, no whitespace before a colon,
 * Content-Length digits only and self-consistent, Content-Length with Transfer-Encoding refused,
 * chunked last and once, chunk sizes checked against the body limit before they can overflow.
 * Every bad input gets its status (400, 408, 413, 414, 417, 431, 501, 505) and the connection
 * closes. Bodies are held whole in memory (up to {@link
 * io.execmodels.eventloop.http.HttpConfig#maxBodyBytes()}), or streamed to a {@link
 * io.execmodels.eventloop.http.StreamingHttpHandler} as they arrive ({@link
 * io.execmodels.eventloop.http.RequestBody}, with pause and resume); streaming responses,
 * upgrades ({@code CONNECT} tunnels, WebSocket) and HTTP/2 are not here.
 */
package io.execmodels.eventloop.http;
