package io.execmodels.eventloop.http;

/**
 * One request in flight on a connection, from the moment it is read until its response is
 * encoded: the slot that keeps pipelined responses in request order.
 */
final class Exchange {

  final HttpRequest request;
  final boolean head;
  final boolean http11;
  final boolean keepAlive;
  // Set when the connection answers with an error of its own instead of a handler's response.
  final int errorStatus;
  final String errorMessage;

  HttpResponse response;
  // The connection closed, or will close before reaching this exchange: its answer is not sent.
  boolean dropped;

  Exchange(HttpRequest request) {
    this.request = request;
    this.head = request.method().equals("HEAD");
    this.http11 = request.http11();
    this.keepAlive = request.keepAlive();
    this.errorStatus = 0;
    this.errorMessage = null;
  }

  Exchange(int errorStatus, String errorMessage) {
    this.request = null;
    this.head = false;
    this.http11 = true;
    this.keepAlive = false;
    this.errorStatus = errorStatus;
    this.errorMessage = errorMessage;
  }

  boolean ready() {
    return response != null || errorStatus != 0;
  }
}
