package io.execmodels.eventloop.cluster;

import java.io.Serializable;

/**
 * A message of the cluster's own protocol, sent on the same link as the user's messages and
 * never delivered to them (Node's {@code internalMessage}). Immutable.
 *
 * @param kind what it says
 * @param host for {@link Kind#LISTENING}: the address a worker's server bound, else empty
 * @param port for {@link Kind#LISTENING}: its port, else 0
 */
record Control(Kind kind, String host, int port) implements Serializable {

  /** The cluster's protocol messages. */
  enum Kind {
    /** Worker to primary: a server of the worker listens at {@code host}:{@code port}. */
    LISTENING,
    /**
     * Primary to worker: close your servers (finish what they are serving), then close the link;
     * the worker's loop then ends when nothing else keeps it alive.
     */
    DISCONNECT
  }

  static Control listening(String host, int port) {
    return new Control(Kind.LISTENING, host, port);
  }

  static Control disconnect() {
    return new Control(Kind.DISCONNECT, "", 0);
  }
}
