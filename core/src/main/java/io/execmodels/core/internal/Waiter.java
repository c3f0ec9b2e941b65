package io.execmodels.core.internal;

/**
 * A task waiting on one channel, for one case of its {@link Selection} (Go's {@code sudog}).
 *
 * <p>{@code item} carries the outcome. On an unbuffered channel it carries the value both ways: a
 * sender's waiter holds the value to send, and a receiver's waiter is filled with the value
 * received; either is set to {@link ChannelImpl#CLOSED} when the channel closes on it. On a
 * buffered channel a served receiver's item is the value (or {@code CLOSED}), a served sender's
 * keeps its value, and either is {@link ChannelImpl#RETRY} when the task must try again. A
 * sender's value is written before the waiter is queued (under the channel lock); the outcome is
 * written by the winner of the selection before {@link Selection#complete()}.
 */
final class Waiter {
  final Selection selection;
  final int caseIndex;
  /** The channel and direction; rewritten only when the task reuses the waiter ({@link #reuse}). */
  ChannelImpl<?> channel;
  boolean sender;
  Object item;

  /** Links in the channel's queue; guarded by the channel's lock. */
  Waiter prev;
  Waiter next;
  boolean queued;

  Waiter(Selection selection, int caseIndex, ChannelImpl<?> channel, boolean sender, Object item) {
    this.selection = selection;
    this.caseIndex = caseIndex;
    this.channel = channel;
    this.sender = sender;
    this.item = item;
  }

  /**
   * Readies this finished waiter, and its selection, for the task's next plain send or receive
   * (see {@link Selection#reset}).
   */
  Waiter reuse(String verb, ChannelImpl<?> channel, boolean sender, Object item) {
    selection.reset(verb, channel);
    this.channel = channel;
    this.sender = sender;
    this.item = item;
    return this;
  }

  /** Claims this waiter's selection for its case. */
  boolean claim() {
    return selection.claim(caseIndex);
  }
}
