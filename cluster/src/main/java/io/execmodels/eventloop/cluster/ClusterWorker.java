package io.execmodels.eventloop.cluster;

import io.execmodels.eventloop.EventEmitter;
import io.execmodels.eventloop.EventLoop;
import io.execmodels.eventloop.KeepAlive;
import io.execmodels.multiprocess.ChildLink;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The primary's handle on one worker (Node's {@code cluster.Worker} in the primary). Events, each
 * emitted on the primary's loop, in Node's order:
 *
 * <ul>
 *   <li>{@code online}: its JVM started and connected back;
 *   <li>{@code listening} (address as {@code host:port}): one of its servers listens;
 *   <li>{@code message} (message): a message it sent, in the order sent;
 *   <li>{@code error} (exception): it refused a message sent to it (a class off the allow-list,
 *       a graph limit), the primary refused one it sent, or it could not be started; with no
 *       listener this throws, as in Node;
 *   <li>{@code disconnect}: its link closed;
 *   <li>{@code exit} (code, signal): it ended and was reaped; the code is {@code null} if it was
 *       killed by a signal, the signal ({@code "SIGKILL"}) {@code null} otherwise.
 * </ul>
 *
 * <p>Thread-safety: loop thread only, like every emitter. Each event except {@code error} comes
 * to this worker's listeners first and then to the cluster's, as in Node; {@code message} reaches
 * the cluster's listeners first, since the cluster listens on the worker from the fork on, as
 * Node's does.
 */
public final class ClusterWorker extends EventEmitter {

  private final int id;
  private final EventLoop loop;
  private final KeepAlive keepAlive;
  /** Messages sent before it was online, sent once it is, in order. Loop only. */
  private final List<Serializable> early = new ArrayList<>();
  /** Set by the loop when it is online; read by any thread. */
  private volatile ChildLink link;
  /** Written on the loop, or by the cluster's close on any thread. */
  private volatile boolean exitedAfterDisconnect;
  private boolean dead;
  /** Loop only: how many of its servers listen (its {@code listening} events so far). */
  private int listening;
  /** Loop only: the signal {@link #kill(String)} was asked for before it was online. */
  private String pendingSignal;

  ClusterWorker(int id, EventLoop loop) {
    this.id = id;
    this.loop = loop;
    this.keepAlive = loop.keepAlive();
  }

  /**
   * Its id (Node's {@code worker.id}).
   *
   * @return from 1, in the order of the primary's forks; a replacement gets a new one
   */
  public int id() {
    return id;
  }

  /**
   * Its process id.
   *
   * @return the pid of its JVM
   * @throws IllegalStateException before it is {@code online}
   */
  public long pid() {
    ChildLink l = link;
    if (l == null) {
      throw new IllegalStateException("worker " + id + " is not online yet");
    }
    return l.pid();
  }

  /**
   * Whether its link is open (Node's {@code isConnected()}). Any thread.
   *
   * @return true from {@code online} until {@code disconnect}
   */
  public boolean isConnected() {
    ChildLink l = link;
    return l != null && l.isConnected();
  }

  /**
   * Whether it has exited (Node's {@code isDead()}). Loop only.
   *
   * @return true once its {@code exit} was emitted, or it could not be started
   */
  public boolean isDead() {
    return dead;
  }

  /**
   * Whether the primary disconnected or killed it (Node's {@code exitedAfterDisconnect}), so that
   * its exit is expected and not restarted. Any thread.
   *
   * @return true once {@link #disconnect}, {@link #kill} or the cluster's close was called on it
   */
  public boolean exitedAfterDisconnect() {
    return exitedAfterDisconnect;
  }

  /**
   * Sends {@code message} to the worker, where its {@link WorkerProcess} emits {@code message};
   * messages arrive in the order sent. Before {@code online}, it is held and sent then.
   *
   * @param message a value the worker's allow-list accepts (see {@link ClusterSettings#process()})
   * @throws IllegalArgumentException if it is not serializable
   * @throws IllegalStateException if the worker is disconnected
   */
  public void send(Serializable message) {
    Objects.requireNonNull(message, "message");
    checkLoop();
    if (link == null && !dead) {
      early.add(message);
      return;
    }
    if (link == null) {
      throw new IllegalStateException("worker " + id + " never came online");
    }
    link.send(message);
  }

  /**
   * Asks the worker to close its servers (connections in flight are finished), then its link;
   * it then exits once its loop has nothing left (Node's {@code worker.disconnect()}). Events:
   * {@code disconnect}, then {@code exit}. Does nothing if it is not connected.
   */
  public void disconnect() {
    checkLoop();
    exitedAfterDisconnect = true;
    ChildLink l = link;
    if (l != null && l.isConnected()) {
      try {
        l.send(Control.disconnect());
      } catch (IllegalStateException gone) {
        // It disconnected meanwhile: its disconnect event is on its way.
      }
    }
  }

  /**
   * Ends the worker with {@code SIGTERM} (its shutdown hooks run). Unlike Node's {@code kill()},
   * this does not disconnect first: {@link #disconnect} is the graceful way.
   */
  public void kill() {
    kill("SIGTERM");
  }

  /**
   * Ends the worker with {@code SIGTERM} or {@code SIGKILL}; one not online yet gets the signal
   * as soon as it is (its messages held for it are then dropped with it).
   *
   * @param signal {@code "SIGTERM"} or {@code "SIGKILL"}
   * @throws IllegalArgumentException for another signal (the JDK can send only these two)
   */
  public void kill(String signal) {
    checkLoop();
    boolean term = "SIGTERM".equals(signal);
    if (!term && !"SIGKILL".equals(signal)) {
      throw new IllegalArgumentException("cannot send " + signal + ": only SIGTERM and SIGKILL");
    }
    exitedAfterDisconnect = true;
    ChildLink l = link;
    if (l != null) {
      signal(l, signal);
    } else if (!dead) {
      pendingSignal = signal;
    }
  }

  private static void signal(ChildLink l, String signal) {
    if ("SIGTERM".equals(signal)) {
      l.terminate();
    } else {
      l.kill();
    }
  }

  /** The cluster's close disconnects it: its exit is then an expected one. Any thread. */
  void closedByPrimary() {
    exitedAfterDisconnect = true;
  }

  /** On the loop: it came online; sends what was held, or the signal it was killed with. */
  void online(ChildLink l) {
    assert loop.inLoop();
    link = l;
    if (pendingSignal != null) {
      early.clear();
      signal(l, pendingSignal);
      return;
    }
    for (Serializable m : early) {
      l.send(m);
    }
    early.clear();
  }

  /** On the loop: one of its servers listens. */
  void listened() {
    listening++;
  }

  /** How many of its servers listen ({@code listening} events so far). Loop only. */
  int listeningCount() {
    return listening;
  }

  /** It ended (or never started): releases the primary's loop. */
  void exited() {
    dead = true;
    keepAlive.close();
  }

  private void checkLoop() {
    if (!loop.inLoop()) {
      throw new IllegalStateException("a ClusterWorker is used on its cluster's loop only, not on "
          + Thread.currentThread());
    }
  }

  @Override
  public String toString() {
    ChildLink l = link;
    return "worker " + id + (l == null ? "" : " (pid " + l.pid() + ")");
  }
}
