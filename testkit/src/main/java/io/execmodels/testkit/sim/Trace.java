package io.execmodels.testkit.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The schedule of a simulated run, as it happened: one {@link Step} per scheduling point, in order,
 * with a hash of all of them. Two runs of the same program, input and decisions have equal hashes;
 * a difference means something outside the simulation influenced one of them.
 *
 * <p>Written by the simulation while its run goes on, read once it is over: reading while a run
 * is in progress sees some prefix of the steps.
 */
public final class Trace {

  /** What a task did at a scheduling point. */
  public enum Op {
    /**
     * Something outside the tasks made one ready: a spawn or wake-up from outside the model, or the
     * simulation cancelling deadlocked tasks. Recorded only when it needed a decision.
     */
    ENTER,
    /** Spawned a task. */
    SPAWN,
    /** Waited (an await, a channel operation, a select) and gave the turn up. */
    PARK,
    /** Slept, or waited with a deadline. */
    SLEEP,
    /** Reached a suspension point it did not have to wait at. */
    YIELD,
    /** Reached {@code ctx.checkpoint()}. */
    CHECKPOINT,
    /** About to operate on the channel or select in the detail (profiles that switch there). */
    SYNC,
    /** Armed a timer (a timeout), due after the duration in the detail. */
    TIMER,
    /** Started a CPU job. */
    COMPUTE,
    /** Started a blocking call, giving the turn up. */
    BLOCKING,
    /** Came back from a blocking call. */
    RETURN,
    /** Its body returned. */
    END
  }

  /**
   * One scheduling point.
   *
   * @param index its position in the run, from 0
   * @param task the id of the task that acted, or -1 for the simulation itself
   * @param op what it did
   * @param detail what it waited for or spawned, and whether the clock then jumped because every
   *     task waited; may be {@code null}
   * @param nanos the virtual time when the next task ran, in nanoseconds since the run's start
   * @param next the id of the task that ran next, or -1 if none could
   * @param choice the decision taken, an index into the candidates
   * @param of how many candidates there were (no decision was drawn when it is below 2)
   */
  public record Step(
      int index, int task, Op op, String detail, long nanos, int next, int choice, int of) {}

  private final List<Step> steps = new ArrayList<>();
  private final List<String> names;
  private final int limit;
  private long hash = 17;
  private long count;
  private int switches;

  Trace(List<String> names, int limit) {
    this.names = names;
    this.limit = limit;
  }

  void add(int task, Op op, String detail, long nanos, int next, int choice, int of) {
    long h = hash;
    h = h * 1_000_003 + task;
    h = h * 1_000_003 + op.ordinal();
    h = h * 1_000_003 + nanos;
    h = h * 1_000_003 + next;
    h = h * 1_000_003 + choice;
    hash = h * 1_000_003 + of;
    if (task != next && task >= 0 && next >= 0 && op != Op.END) {
      switches++;
    }
    if (steps.size() < limit) {
      steps.add(new Step((int) count, task, op, detail, nanos, next, choice, of));
    }
    count++;
  }

  /** Whether the next step will be kept (not only hashed): below the trace limit. */
  boolean keepsMore() {
    return steps.size() < limit;
  }

  /**
   * The steps recorded (at most the simulation's trace limit, the first ones).
   *
   * @return the recorded steps, in order; unmodifiable
   */
  public List<Step> steps() {
    return Collections.unmodifiableList(steps);
  }

  /**
   * How many scheduling points the run had, recorded or not.
   *
   * @return the number of scheduling points
   */
  public long length() {
    return count;
  }

  /**
   * How many times the turn went from one live task to another.
   *
   * @return the number of context switches
   */
  public int contextSwitches() {
    return switches;
  }

  /**
   * A hash of every step: equal for identical runs.
   *
   * @return the hash of every step
   */
  public long hash() {
    return hash;
  }

  /**
   * The name of task {@code id}, or {@code "-"} for -1.
   *
   * @param id the task's id; -1 for none
   * @return the task's name, or {@code "-"} for -1
   */
  public String taskName(int id) {
    return id < 0 ? "-" : names.get(id);
  }

  /**
   * One line for {@code step}: index, virtual time, task, what it did, and who ran next.
   *
   * @param step a step of this trace
   * @return the step on one line
   */
  public String format(Step step) {
    String detail = step.detail() == null ? "" : " " + shorten(step.detail());
    String decision = step.of() >= 2 ? "  (choice " + step.choice() + " of " + step.of() + ")" : "";
    return String.format("#%-4d %-9s %-14s %-10s%s -> %s%s", step.index(), time(step.nanos()),
        taskName(step.task()), step.op().name().toLowerCase(java.util.Locale.ROOT), detail,
        taskName(step.next()), decision);
  }

  private static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** A virtual time, readably: {@code 0s}, {@code 20ms}, {@code 24h}. */
  static String time(long nanos) {
    Duration d = Duration.ofNanos(nanos);
    if (nanos == 0) {
      return "0s";
    }
    if (nanos % 3_600_000_000_000L == 0) {
      return d.toHours() + "h";
    }
    if (nanos % 1_000_000_000L == 0) {
      return d.toSeconds() + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return d.toMillis() + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000 + "us";
    }
    return nanos + "ns";
  }

  /** Every recorded step, one per line, then the totals. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Step s : steps) {
      b.append(format(s)).append('\n');
    }
    if (count > steps.size()) {
      b.append("... ").append(count - steps.size()).append(" more steps\n");
    }
    b.append(count).append(" steps, ").append(switches).append(" context switches, hash ")
        .append(Long.toHexString(hash));
    return b.toString();
  }
}
