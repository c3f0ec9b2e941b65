package io.execmodels.testkit.prop;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Shrinks a failing example's choices (the minithesis design): tries simpler sequences — spans
 * deleted, spans zeroed, values lowered, equal values lowered together, neighbours sorted — and
 * keeps one only if its run fails the same way and is smaller in {@link #compare}'s order: its
 * input in shortlex order (shorter, then lexicographically smaller), then its schedule by its
 * context switches and then in shortlex order. Each pass repeats until none improves or the budget
 * runs out. Since every decision, of input and of schedule alike, is a choice, this shrinks both at
 * once; and since choice 0 keeps the running task, a non-zero schedule choice is a context
 * switch.
 *
 * <p>One pass is for schedules: a context switch made early can often be made later instead, where
 * fewer tasks are left to choose among (two tasks that deadlock by taking their locks in turn,
 * say). No single change reaches that schedule, as zeroing the early switch alone changes what the
 * later choices mean; so the pass zeroes a span of choices and raises one choice after it to a
 * small value, trying each position in a window. When the passes are stuck above two switches,
 * a last one tries every schedule of two switches among the first decisions, and the passes go on
 * from any that still fails.
 */
final class Shrinker {
  private static final int[] SPANS = {8, 4, 2, 1};
  /** Pairs of equal values are looked for among the first this many choices. */
  private static final int PAIR_WINDOW = 64;
  /** How far after a zeroed span a raised choice is tried, and the values it is raised to. */
  private static final int MOVE_WINDOW = 16;
  private static final int MOVE_MAX_VALUE = 3;
  /** The values a single switch is tried with at any position: up to 7 tasks to choose among. */
  private static final int ANY_MAX_VALUE = 6;
  /** Where {@link #twoSwitchesAnywhere} places its two switches: among this many decisions. */
  private static final int ANYWHERE_WINDOW = 24;
  private static final long[] ANYWHERE_VALUES = {1, 2, 3, Long.MAX_VALUE};
  /** Schedules with more switches than this try their first ones only, to bound a pass. */
  private static final int KEEP_SWITCHES_OF = 16;

  private final Function<long[], Attempt> runner;
  private final String kind;
  private final int maxRuns;
  /** The runs the current phase may reach: {@link #maxRuns}, or half of it at first. */
  private int cap;
  private final long deadline;
  private Attempt best;
  private int runs;

  Shrinker(Attempt failing, Function<long[], Attempt> runner, int maxRuns, Duration maxTime) {
    this.best = failing;
    this.kind = failing.kind();
    this.runner = runner;
    this.maxRuns = maxRuns;
    this.deadline = System.nanoTime() + maxTime.toNanos();
  }

  /** How many runs shrinking took. */
  int runs() {
    return runs;
  }

  Attempt shrink() {
    // The local passes may creep down one switch at a time for thousands of runs: the first time
    // they get half the budget, so that the last resort has its turn.
    cap = maxRuns / 2;
    boolean settled = passes();
    cap = maxRuns;
    while (budgetLeft() && twoSwitchesAnywhere()) {
      settled = passes();
    }
    if (!settled) {
      passes();
    }
    return best;
  }

  /**
   * The local passes, repeated until none improves (then true: best is a local minimum) or the
   * budget runs out (false).
   */
  private boolean passes() {
    boolean improved = true;
    while (improved && budgetLeft()) {
      improved = false;
      for (int k : SPANS) {
        for (int i = best.choices().length - k; i >= 0 && budgetLeft(); i--) {
          if (i + k <= best.choices().length) {
            improved |= consider(delete(best.choices(), i, k));
          }
        }
      }
      for (int k : SPANS) {
        for (int i = best.choices().length - k; i >= 0 && budgetLeft(); i--) {
          if (i + k <= best.choices().length && !allZero(best.choices(), i, k)) {
            improved |= consider(zero(best.choices(), i, k));
          }
        }
      }
      for (int i = best.choices().length - 1; i >= 0 && budgetLeft(); i--) {
        if (i < best.choices().length) {
          improved |= lower(i);
        }
      }
      for (int i = 0; i < Math.min(PAIR_WINDOW, best.choices().length) && budgetLeft(); i++) {
        for (int j = i + 1; j < Math.min(PAIR_WINDOW, best.choices().length) && budgetLeft();
            j++) {
          long[] c = best.choices();
          if (c[i] != 0 && c[i] == c[j]) {
            improved |= lowerTogether(i, j);
          }
        }
      }
      for (int i = 0; i < Math.min(PAIR_WINDOW, best.choices().length) && budgetLeft(); i++) {
        if (best.choices()[i] != 0) {
          improved |= moveLater(i);
        }
      }
      improved |= keepFewSwitches();
      for (int i = 0; i + 1 < best.choices().length && budgetLeft(); i++) {
        long[] c = best.choices();
        if (c[i] > c[i + 1]) {
          long[] swapped = c.clone();
          swapped[i] = c[i + 1];
          swapped[i + 1] = c[i];
          improved |= consider(swapped);
        }
      }
    }
    return !improved;
  }

  /**
   * The last resort, once the local passes are stuck above two switches: every schedule with
   * exactly two, at any two of the first {@link #ANYWHERE_WINDOW} decisions, each to one of the
   * next {@link #MOVE_MAX_VALUE} tasks in line. A random schedule's switches can all be in the
   * wrong places (a reader that must run first, then be preempted between two reads, among ten
   * writers), and no pass that starts from them reaches two. At most a few thousand runs, tried
   * only when the schedule has more than two switches; stops at the first that still fails.
   */
  private boolean twoSwitchesAnywhere() {
    long[] c = best.choices();
    int from = best.inputChoices();
    if (nonZero(c, from) <= 2) {
      return false;
    }
    long[] none = c.clone();
    Arrays.fill(none, from, none.length, 0);
    int to = Math.min(none.length, from + ANYWHERE_WINDOW);
    for (int i = from; i < to && budgetLeft(); i++) {
      for (int j = i + 1; j < to && budgetLeft(); j++) {
        for (long v : ANYWHERE_VALUES) {
          for (long w : ANYWHERE_VALUES) {
            if (budgetLeft() && consider(with(with(none, i, v), j, w))) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Binary search for the smallest value at {@code i} that still fails. */
  private boolean lower(int i) {
    long v = best.choices()[i];
    if (v == 0 || consider(with(best.choices(), i, 0))) {
      return v != 0;
    }
    long lo = 0;
    long hi = v;
    boolean improved = false;
    while (lo + 1 < hi && budgetLeft() && i < best.choices().length) {
      long mid = lo + (hi - lo) / 2;
      if (consider(with(best.choices(), i, mid))) {
        hi = mid;
        improved = true;
      } else {
        lo = mid;
      }
    }
    return improved;
  }

  /**
   * Lowers two equal values together (the same key drawn twice, say): lowering either alone may
   * make the example pass.
   */
  private boolean lowerTogether(int i, int j) {
    long v = best.choices()[i];
    if (consider(with(with(best.choices(), i, 0), j, 0))) {
      return true;
    }
    long lo = 0;
    long hi = v;
    boolean improved = false;
    while (lo + 1 < hi && budgetLeft() && j < best.choices().length) {
      long mid = lo + (hi - lo) / 2;
      if (consider(with(with(best.choices(), i, mid), j, mid))) {
        hi = mid;
        improved = true;
      } else {
        lo = mid;
      }
    }
    return improved;
  }

  /**
   * Zeroes the span of one or two choices starting at {@code i} (a non-zero one) and raises one
   * choice after it, within {@link #MOVE_WINDOW}, to a value up to {@link #MOVE_MAX_VALUE}: the
   * same switch, made later. Stops at the first candidate that still fails.
   */
  private boolean moveLater(int i) {
    for (int k = 1; k <= 2; k++) {
      long[] c = best.choices();
      if (i + k > c.length) {
        return false;
      }
      long[] zeroed = zero(c, i, k);
      for (int j = i + k; j < Math.min(c.length, i + k + MOVE_WINDOW) && budgetLeft(); j++) {
        for (long v = 1; v <= MOVE_MAX_VALUE; v++) {
          if (consider(with(zeroed, j, v))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Keeps one of the schedule's switches, or two, and zeroes the others: a bug that needs one
   * ordering is often reached by one of the switches a random schedule made, the rest being noise
   * that the span passes cannot remove, as each removal alone changes what the later choices mean.
   * For the same reason a kept switch is tried with each small value, not only its own: with the
   * others gone, the task it meant may be at another index; and a single switch is tried at each
   * of the first decisions too. Stops at the first candidate that still fails.
   */
  private boolean keepFewSwitches() {
    long[] c = best.choices();
    int from = best.inputChoices();
    int[] at = new int[KEEP_SWITCHES_OF];
    int n = 0;
    for (int i = from; i < c.length && n < at.length; i++) {
      if (c[i] != 0) {
        at[n++] = i;
      }
    }
    if (n < 2) {
      return false;
    }
    long[] none = c.clone();
    Arrays.fill(none, from, none.length, 0);
    // One switch, wherever: its own positions first, then any of the first ones.
    for (int a = 0; a < n && budgetLeft(); a++) {
      for (long v = 1; v <= MOVE_MAX_VALUE && budgetLeft(); v++) {
        if (consider(with(none, at[a], v))) {
          return true;
        }
      }
    }
    for (int i = from; i < Math.min(none.length, from + PAIR_WINDOW) && budgetLeft(); i++) {
      // A switch's own position was tried above with the smaller values.
      for (long v = c[i] == 0 ? 1 : MOVE_MAX_VALUE + 1; v <= ANY_MAX_VALUE && budgetLeft(); v++) {
        if (consider(with(none, i, v))) {
          return true;
        }
      }
    }
    for (int a = 0; a < n && n > 2 && budgetLeft(); a++) {
      for (int b = a + 1; b < n && budgetLeft(); b++) {
        for (long v = 1; v <= MOVE_MAX_VALUE && budgetLeft(); v++) {
          for (long w = 1; w <= MOVE_MAX_VALUE && budgetLeft(); w++) {
            if (consider(with(with(none, at[a], v), at[b], w))) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  private boolean consider(long[] candidate) {
    // Where its input ends is known only once it has run; the best one's is a fair guess, and a
    // wrong guess costs only a run.
    if (!budgetLeft()
        || compare(candidate, best.inputChoices(), best.choices(), best.inputChoices()) >= 0) {
      return false;
    }
    runs++;
    Attempt a = runner.apply(candidate);
    if (a.failed() && a.kind().equals(kind) && compare(a.choices(), a.inputChoices(),
        best.choices(), best.inputChoices()) < 0) {
      best = a;
      return true;
    }
    return false;
  }

  private boolean budgetLeft() {
    return runs < cap && System.nanoTime() - deadline < 0;
  }

  /**
   * The order shrinking descends: the input first, in shortlex order; then the schedule, by its
   * context switches (its non-zero choices), then in shortlex order. So of two runs with the
   * same input, the one with fewer switches is simpler even if it takes more steps: it is the
   * shorter story for whoever reads the trace. A well-order, as a product of well-orders: shrinking
   * ends.
   *
   * @param a a run's choices, whose first {@code aInput} made its input
   * @param b another's, whose first {@code bInput} made its input
   */
  static int compare(long[] a, int aInput, long[] b, int bInput) {
    int c = shortlex(a, 0, Math.min(aInput, a.length), b, 0, Math.min(bInput, b.length));
    if (c != 0) {
      return c;
    }
    c = Long.compare(nonZero(a, aInput), nonZero(b, bInput));
    if (c != 0) {
      return c;
    }
    return shortlex(a, Math.min(aInput, a.length), a.length, b, Math.min(bInput, b.length),
        b.length);
  }

  /** Shortlex on {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)}: shorter, then smaller. */
  private static int shortlex(long[] a, int aFrom, int aTo, long[] b, int bFrom, int bTo) {
    if (aTo - aFrom != bTo - bFrom) {
      return Integer.compare(aTo - aFrom, bTo - bFrom);
    }
    return Arrays.compare(a, aFrom, aTo, b, bFrom, bTo);
  }

  private static long nonZero(long[] c, int from) {
    long n = 0;
    for (int i = from; i < c.length; i++) {
      if (c[i] != 0) {
        n++;
      }
    }
    return n;
  }

  private static long[] delete(long[] c, int from, int k) {
    long[] r = new long[c.length - k];
    System.arraycopy(c, 0, r, 0, from);
    System.arraycopy(c, from + k, r, from, c.length - from - k);
    return r;
  }

  private static long[] zero(long[] c, int from, int k) {
    long[] r = c.clone();
    Arrays.fill(r, from, from + k, 0);
    return r;
  }

  private static boolean allZero(long[] c, int from, int k) {
    for (int i = from; i < from + k; i++) {
      if (c[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static long[] with(long[] c, int i, long v) {
    long[] r = c.clone();
    r[i] = v;
    return r;
  }
}
