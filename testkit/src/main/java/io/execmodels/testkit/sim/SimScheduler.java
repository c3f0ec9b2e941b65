package io.execmodels.testkit.sim;

import io.execmodels.core.Job;
import io.execmodels.core.Task;
import io.execmodels.core.Traits;
import io.execmodels.core.spi.AbstractScheduler;
import io.execmodels.core.spi.Cancellable;
import io.execmodels.core.spi.Carriers;
import io.execmodels.core.spi.Fiber;
import io.execmodels.core.spi.GraceDeadline;
import io.execmodels.core.spi.OneCarrier;
import io.execmodels.core.spi.TaskBody;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The simulation's scheduler: one task holds the turn at a time, and at every scheduling point the
 * {@link Schedule} picks who holds it next. Each task runs on its own virtual thread, started the
 * first time it gets the turn; a task without the turn waits on its {@code turn} flag.
 *
 * <p>Everything is guarded by {@code lock}, which is reentrant because timer actions and
 * cancellations run under it and call {@link #unpark} back. The turn passes only under the lock:
 * the giver clears its own flag, sets the taker's and wakes its thread, then waits. So exactly one
 * thread runs task code, except a task in a blocking call, which runs outside the simulation until
 * the next moment the simulation is idle, and foreign threads (a test's).
 *
 * <p>Virtual time ({@code now}) moves only in {@link #dispatch}, when no task can run and no
 * blocking call is in flight: it jumps to the earliest pending timer.
 *
 * <p>The tasks' threads run on the JDK's default scheduler, or on a carrier the options name
 * ({@link SimOptions#withCarrier}, {@link SimOptions#withOwnCarrier}). On one carrier thread a
 * hand-off is cheap: the giver's unpark queues the taker on the carrier, the giver parks, the
 * carrier runs the taker; no other thread is woken. Nothing else differs: who runs is decided by
 * the turn, so the same schedule gives the same run on either.
 */
final class SimScheduler extends AbstractScheduler {

  private static final System.Logger LOG = System.getLogger("io.execmodels");

  private static final int READY = 0;
  private static final int RUNNING = 1;
  private static final int PARKED = 2;
  private static final int BLOCKING = 3;
  private static final int RETURNED = 4;
  private static final int DONE = 5;

  /** One simulated task. Its fields other than {@code turn} are guarded by {@code lock}. */
  final class SimFiber implements Fiber {
    final SimScheduler owner = SimScheduler.this;
    final int id;
    final String name;
    /** Dropped once the body has returned, so that the task's result can be collected. */
    TaskBody body;
    /** Spawned from outside the simulation: a run's body, or {@code model.spawn}. */
    final boolean entry;
    /** The body of a run ({@code ExecutionModel.run}), not a task spawned from outside one. */
    final boolean runRoot;
    /** The entry this fiber descends from (itself for an entry). */
    final SimFiber family;
    Thread thread;
    volatile boolean turn;
    int state = READY;
    boolean permit;
    Object blocker;
    Timer wakeTimer;

    SimFiber(int id, String name, TaskBody body, SimFiber parent) {
      this.id = id;
      this.name = name;
      this.body = body;
      this.entry = parent == null;
      this.runRoot = body.isRoot();
      this.family = parent == null ? this : parent.family;
    }

    /** Whether this fiber's run has ended: its leftovers are about to be cancelled from outside. */
    boolean runEnded() {
      return family.runRoot && family.body.task().isDone();
    }

    @Override
    public TaskBody body() {
      return body;
    }

    @Override
    public String toString() {
      return "task " + id + " '" + name + "'";
    }
  }

  /**
   * A pending timer: wakes {@code target} if set, else runs {@code action}. It belongs to the
   * fiber that armed it ({@code owner}, null if armed from outside).
   */
  static final class Timer implements Cancellable, Comparable<Timer> {
    final SimScheduler owner;
    final long deadline;
    final long seq;
    final Runnable action;
    final SimFiber target;
    final SimFiber armedBy;
    boolean done;

    Timer(SimScheduler owner, long deadline, long seq, Runnable action, SimFiber target,
        SimFiber armedBy) {
      this.owner = owner;
      this.deadline = deadline;
      this.seq = seq;
      this.action = action;
      this.target = target;
      this.armedBy = armedBy;
    }

    @Override
    public boolean cancel() {
      owner.lock.lock();
      try {
        return owner.retire(this);
      } finally {
        owner.lock.unlock();
      }
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private static final ThreadLocal<SimFiber> CURRENT = new ThreadLocal<>();

  final ReentrantLock lock = new ReentrantLock();
  private final SimOptions options;
  private final Profile profile;
  private final Schedule schedule;
  private final long clockTick;
  /** Makes the tasks' virtual threads, on the carrier if there is one. */
  private final ThreadFactory threads;
  /** The carrier this simulation started for itself ({@code sim.carrier=own}), or null. */
  private final OneCarrier ownCarrier;

  private final List<SimFiber> fibers = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  /** The fibers spawned from outside: in a closed world, the run is over once one is done. */
  private final List<SimFiber> entries = new ArrayList<>();
  private final BitSet ready = new BitSet();
  private int readyCount;
  private final BitSet returned = new BitSet();
  private int blockingInFlight;
  private int alive;
  private int[] candidates = new int[16];
  /** The task holding the turn; {@code null} when none does. */
  private volatile SimFiber running;

  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private int liveTimers;
  private long timerSeq;
  private volatile long now;

  private long steps;
  private long decisions;
  /** Moves whenever the simulation makes progress; the watchdog watches it. */
  private volatile long progress;
  /** The run is over (its entry task ended, or it was cancelled): decisions are no longer drawn. */
  private boolean teardown;
  private final Trace trace;
  private final List<SimProblem> problems = new ArrayList<>();
  /** The calling thread's task has just ended: it may carry a task that never ran. */
  private boolean threadFree;
  /** The never-run task the ending thread is to carry. */
  private SimFiber carried;
  /** The watchdog's view: the progress it last saw, since when, and whether it reported. */
  private long stallSeen = -1;
  private long stallSince;
  private boolean stallReported;

  SimScheduler(SimOptions options) {
    super("the simulation");
    this.options = options;
    this.profile = options.profile();
    this.schedule = options.newSchedule();
    this.clockTick = options.clockTickNanos();
    this.trace = new Trace(names, options.traceLimit());
    Executor carrier = options.carrier();
    if ((carrier != null || options.ownCarrier()) && !Carriers.available()) {
      throw new UnsupportedOperationException("a simulation on a carrier of its own needs carrier"
          + " control, which this JVM does not allow: add --add-opens"
          + " java.base/java.lang=ALL-UNNAMED");
    }
    this.ownCarrier = options.ownCarrier() ? new OneCarrier("sim-carrier") : null;
    if (ownCarrier != null) {
      carrier = ownCarrier;
    }
    this.threads = carrier != null
        ? Carriers.virtualThreadsOn(carrier) : Thread.ofVirtual().factory();
  }

  Trace trace() {
    return trace;
  }

  List<SimProblem> problems() {
    lock.lock();
    try {
      return List.copyOf(problems);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Traits traits() {
    return profile.traits();
  }

  @Override
  public boolean detectsDeadlocks() {
    return true;
  }

  // -----------------------------------------------------------------------------------------------
  // Tasks

  @Override
  public Fiber spawn(Fiber parent, TaskBody body) {
    SimFiber self;
    SimFiber f;
    boolean wait = false;
    lock.lock();
    try {
      ensureOpen();
      self = runningCaller();
      int id = fibers.size();
      String n = body.task().name();
      SimFiber p = parent instanceof SimFiber sf && sf.owner == this ? sf : null;
      f = new SimFiber(id, n, body, p);
      fibers.add(f);
      names.add(n);
      if (f.entry) {
        entries.add(f);
      }
      if (alive++ == 0) {
        Watchdog.watch(this);
      }
      makeReady(f);
      if (self != null) {
        if (profile.switchesAtSpawnAndCompute()) {
          wait = yieldLocked(self, Trace.Op.SPAWN, n);
        } else {
          countStep();
          record(self.id, Trace.Op.SPAWN, n, self.id, 0, 1);
        }
      } else {
        if (options.closedWorld() && !runOver() && (running != null || blockingInFlight > 0)) {
          escape("thread " + Thread.currentThread() + " spawned " + f
              + " from outside the simulation while it was running");
        }
        if (running == null) {
          dispatch(-1, Trace.Op.ENTER, n);
        }
      }
    } finally {
      lock.unlock();
    }
    if (wait) {
      awaitTurn(self);
    }
    return f;
  }

  @Override
  public Fiber current() {
    SimFiber f = CURRENT.get();
    return f != null && f.owner == this ? f : null;
  }

  /** The calling fiber if it holds the turn; {@code null} for any other thread. Lock held. */
  private SimFiber runningCaller() {
    SimFiber f = CURRENT.get();
    return f != null && f == running ? f : null;
  }

  /** The calling fiber, which must hold the turn to call {@code operation}. */
  private SimFiber requireRunning(String operation) {
    SimFiber f = CURRENT.get();
    if (f == null || f.owner != this) {
      lock.lock();
      try {
        escape("thread " + Thread.currentThread() + " outside the simulation called "
            + operation);
      } finally {
        lock.unlock();
      }
      throw new IllegalStateException(operation + " called from " + Thread.currentThread()
          + ", which is not a task of this simulation");
    }
    if (f != running) {
      lock.lock();
      try {
        escape(f + " called " + operation + " without holding the turn (from inside a blocking"
            + " call?)");
      } finally {
        lock.unlock();
      }
      throw new IllegalStateException(f + " called " + operation
          + " from inside a blocking call: code in ctx.blocking must not use the model");
    }
    return f;
  }

  /**
   * Whether the run is over: its entry task is done (its future completes before its body's last
   * instruction, so an outside thread may already be cancelling what is left). Lock held.
   */
  private boolean runOver() {
    if (teardown || !options.closedWorld()) {
      return teardown;
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).body.task().isDone()) {
        teardown = true;
        break;
      }
    }
    return teardown;
  }

  /**
   * Runs {@code first}'s body on the calling thread, then, whenever the next task chosen has never
   * run, that task's body too: a thread whose task has ended carries the next one instead of
   * starting a new thread and handing the turn over.
   */
  private void runFiber(SimFiber first) {
    SimFiber f = first;
    while (f != null) {
      CURRENT.set(f);
      try {
        f.body.run();
      } finally {
        f = ended(f);
      }
    }
    CURRENT.remove();
  }

  /** Ends {@code f}'s turn for good; returns the never-run task this thread carries next. */
  private SimFiber ended(SimFiber f) {
    lock.lock();
    try {
      f.state = DONE;
      if (!f.entry) {
        f.body = null;
      }
      if (--alive == 0) {
        Watchdog.unwatch(this);
      }
      if (running == f) {
        running = null;
      }
      f.turn = false;
      countStep();
      if (f.entry && options.closedWorld() && !runOver()) {
        // The run is over; what follows (cancelling leftovers) is driven from outside, so it
        // draws no decisions and is not part of the trace.
        record(f.id, Trace.Op.END, null, -1, 0, 0);
        teardown = true;
      }
      threadFree = true;
      dispatch(f.id, Trace.Op.END, null);
      threadFree = false;
      SimFiber next = carried;
      carried = null;
      // A carried task must not inherit an interrupt meant for the one that ended.
      Thread.interrupted();
      return next;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits, outside the lock, until {@code f} holds the turn. A parked task ignores interrupts, as
   * core's parks do; the interrupt is kept for the code that runs next.
   */
  private void awaitTurn(SimFiber f) {
    boolean interrupted = false;
    while (!f.turn) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // -----------------------------------------------------------------------------------------------
  // The turn

  private void makeReady(SimFiber f) {
    f.state = READY;
    ready.set(f.id);
    readyCount++;
  }

  /** Hands the turn to {@code f}, a ready fiber. Lock held. */
  private void give(SimFiber f) {
    ready.clear(f.id);
    readyCount--;
    f.state = RUNNING;
    running = f;
    f.turn = true;
    progress++;
    if (f.thread == null && threadFree) {
      f.thread = Thread.currentThread();
      carried = f;
      threadFree = false;
    } else if (f.thread == null) {
      f.thread = threads.newThread(() -> runFiber(f));
      f.thread.setName("sim-" + f.id + "-" + f.name);
      f.thread.start();
    } else {
      LockSupport.unpark(f.thread);
    }
  }

  /**
   * A scheduling point where {@code self} could go on: the schedule picks among it and the ready
   * tasks. Returns whether {@code self} gave the turn away (and must wait for it). Lock held.
   */
  private boolean yieldLocked(SimFiber self, Trace.Op op, Object detail) {
    countStep();
    fireDue();
    if (readyCount == 0) {
      record(self.id, op, detail, self.id, 0, 1);
      return false;
    }
    int count = collect(self);
    int c = choose(count, true);
    int next = candidates[c];
    record(self.id, op, detail, next, c, count);
    if (c == 0) {
      return false;
    }
    self.turn = false;
    running = null;
    makeReady(self);
    give(fibers.get(next));
    return true;
  }

  /**
   * Gives the turn to a ready task now that nobody holds it, moving the clock when every task
   * waits; records the step that led here. Lock held, {@code running} null.
   */
  private void dispatch(int actor, Trace.Op op, Object detail) {
    long from = now;
    for (;;) {
      fireDue();
      if (readyCount > 0) {
        int count = collect(null);
        int c = choose(count, false);
        if (op != Trace.Op.ENTER || count > 1) {
          record(actor, op, clocked(detail, from), candidates[c], c, count);
        }
        give(fibers.get(candidates[c]));
        return;
      }
      if (blockingInFlight > 0) {
        // Time waits for blocking calls (Go's synctest rule): the last one back resumes here.
        record(actor, op, clocked(detail, from), -1, 0, 0);
        return;
      }
      if (!returned.isEmpty()) {
        for (int i = returned.nextSetBit(0); i >= 0; i = returned.nextSetBit(i + 1)) {
          makeReady(fibers.get(i));
        }
        returned.clear();
        continue;
      }
      Timer next = nextTimerToJumpTo();
      if (next != null) {
        now = next.deadline;
        progress++;
        continue;
      }
      record(actor, op, clocked(detail, from), -1, 0, 0);
      if (options.closedWorld() && !runOver() && alive > 0) {
        deadlocked();
        actor = -1;
        op = Trace.Op.ENTER;
        detail = "cancellation of the deadlocked tasks";
        if (readyCount > 0) {
          continue;
        }
      }
      return;
    }
  }

  /**
   * The detail of a step after which every task waited and the clock jumped from {@code from}
   * to {@code now}: one step in the trace says both.
   */
  private Object clocked(Object detail, long from) {
    if (now == from || !trace.keepsMore()) {
      return detail;
    }
    String d = describe(detail);
    return (d == null ? "" : d + ", ") + "all wait: clock " + Trace.time(now);
  }

  /** Fills {@code candidates}: {@code self} first if given, then the ready tasks by id. */
  private int collect(SimFiber self) {
    int n = readyCount + (self != null ? 1 : 0);
    if (candidates.length < n) {
      candidates = Arrays.copyOf(candidates, Math.max(n, candidates.length * 2));
    }
    int k = 0;
    if (self != null) {
      candidates[k++] = self.id;
    }
    for (int i = ready.nextSetBit(0); i >= 0; i = ready.nextSetBit(i + 1)) {
      candidates[k++] = i;
    }
    return k;
  }

  private int choose(int count, boolean runningFirst) {
    if (count < 2 || runOver()) {
      return 0;
    }
    int c = schedule.pick(candidates, count, runningFirst, decisions++);
    if (c < 0 || c >= count) {
      throw new IllegalStateException(schedule + " picked " + c + " of " + count + " candidates");
    }
    return c;
  }

  private void record(int task, Trace.Op op, Object detail, int next, int choice, int of) {
    if (!runOver()) {
      trace.add(task, op, trace.keepsMore() ? describe(detail) : null, now, next, choice, of);
    }
  }

  /**
   * What a task waits on, for the trace: a string, so that the trace holds on to nothing of the
   * run (a task's result must stay collectable).
   */
  private static String describe(Object blocker) {
    if (blocker == null || blocker instanceof String) {
      return (String) blocker;
    }
    if (blocker instanceof Task<?> t) {
      return "'" + t.name() + "'";
    }
    if (blocker instanceof Duration d) {
      return Trace.time(d.toNanos());
    }
    if (blocker instanceof Collection<?> c) {
      List<String> parts = new ArrayList<>(c.size());
      for (Object o : c) {
        parts.add(describe(o));
      }
      return parts.toString();
    }
    return blocker.toString();
  }

  /** Counts a call into the model by the running task; past the bound, reports a livelock. */
  private void countStep() {
    progress++;
    if (++steps > options.maxSteps() && !runOver()) {
      problems.add(new SimProblem(SimProblem.Kind.LIVELOCK, "the run took more than "
          + options.maxSteps() + " scheduling points; tasks alive: " + aliveTasks()));
      teardown = true;
      cancelAll();
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Park and unpark

  @Override
  public void park(Object blocker) {
    SimFiber self = requireRunning("park");
    boolean wait;
    lock.lock();
    try {
      if (self.permit) {
        self.permit = false;
        wait = yieldLocked(self, Trace.Op.YIELD, blocker);
      } else {
        countStep();
        self.state = PARKED;
        self.blocker = blocker;
        self.turn = false;
        running = null;
        dispatch(self.id, Trace.Op.PARK, blocker);
        wait = true;
      }
    } finally {
      lock.unlock();
    }
    if (wait) {
      awaitTurn(self);
    }
  }

  @Override
  public void parkUntil(Object blocker, long deadlineNanos) {
    SimFiber self = requireRunning("parkUntil");
    boolean wait;
    lock.lock();
    try {
      if (self.permit || deadlineNanos - now <= 0) {
        self.permit = false;
        wait = yieldLocked(self, Trace.Op.SLEEP, blocker);
      } else {
        countStep();
        Timer t = new Timer(this, deadlineNanos, timerSeq++, null, self, self);
        timers.add(t);
        liveTimers++;
        self.wakeTimer = t;
        self.state = PARKED;
        self.blocker = blocker;
        self.turn = false;
        running = null;
        dispatch(self.id, Trace.Op.SLEEP, blocker);
        wait = true;
      }
    } finally {
      lock.unlock();
    }
    if (wait) {
      awaitTurn(self);
    }
  }

  @Override
  public void unpark(Fiber fiber) {
    SimFiber f = (SimFiber) fiber;
    lock.lock();
    try {
      boolean internal = lock.getHoldCount() > 1 || runningCaller() != null;
      if (!internal && options.closedWorld() && !runOver() && !isShutDown()) {
        escape("thread " + Thread.currentThread() + " outside the simulation woke " + f);
      }
      progress++;
      unparkLocked(f);
      if (!internal && running == null && readyCount > 0) {
        dispatch(-1, Trace.Op.ENTER, "wake-up from outside");
      }
    } finally {
      lock.unlock();
    }
  }

  private void unparkLocked(SimFiber f) {
    if (f.state == PARKED) {
      makeReady(f);
      f.blocker = null;
      if (f.wakeTimer != null) {
        retire(f.wakeTimer);
        f.wakeTimer = null;
      }
    } else if (f.state != DONE) {
      f.permit = true;
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Time

  @Override
  public long nanoTime() {
    if (clockTick > 0 && runningCaller() != null) {
      lock.lock();
      try {
        now += clockTick;
      } finally {
        lock.unlock();
      }
    }
    return now;
  }

  /**
   * Arms a timer. For a running task under a profile that switches at spawns (a timeout being
   * set is a suspension point of {@code withTimeout} and of a select with a timeout), it is a
   * scheduling point too, after the timer is armed.
   */
  @Override
  public Cancellable schedule(long deadlineNanos, Runnable action) {
    SimFiber self;
    Timer t;
    boolean wait = false;
    lock.lock();
    try {
      ensureOpen();
      self = runningCaller();
      t = new Timer(this, deadlineNanos, timerSeq++, action, null, self);
      timers.add(t);
      liveTimers++;
      if (self != null && profile.switchesAtSpawnAndCompute()) {
        wait = yieldLocked(self, Trace.Op.TIMER, Trace.time(Math.max(0, deadlineNanos - now)));
      }
    } finally {
      lock.unlock();
    }
    if (wait) {
      awaitTurn(self);
    }
    return t;
  }

  /** Marks {@code t} done; whether it was pending. Lock held. */
  private boolean retire(Timer t) {
    if (t.done) {
      return false;
    }
    t.done = true;
    liveTimers--;
    return true;
  }

  private Timer nextLiveTimer() {
    Timer t;
    while ((t = timers.peek()) != null && t.done) {
      timers.poll();
    }
    return t;
  }

  /**
   * The earliest pending timer the clock may jump to: not one of a run that has ended, whose
   * tasks wait to be cancelled from outside (jumping would let them run on instead). Lock held.
   */
  private Timer nextTimerToJumpTo() {
    Timer next = nextLiveTimer();
    if (next == null || next.armedBy == null || !next.armedBy.runEnded()) {
      return next;
    }
    Timer best = null;
    for (Timer t : timers) {
      if (!t.done && (t.armedBy == null || !t.armedBy.runEnded())
          && (best == null || t.compareTo(best) < 0)) {
        best = t;
      }
    }
    return best;
  }

  /** Runs the timers due at {@code now}, in deadline order. Lock held. */
  private void fireDue() {
    if (liveTimers == 0) {
      return;
    }
    Timer t;
    while ((t = nextLiveTimer()) != null && t.deadline - now <= 0) {
      timers.poll();
      retire(t);
      if (t.target != null) {
        t.target.wakeTimer = null;
        unparkLocked(t.target);
      } else {
        t.action.run();
      }
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Blocking calls, CPU jobs, checkpoints

  /**
   * Runs the call on the task's own thread with the turn given up: other tasks run meanwhile. The
   * task comes back at the next moment no task can run, and the clock waits for it.
   */
  @Override
  public <T> T blocking(Callable<T> call) throws Exception {
    SimFiber self = requireRunning("blocking");
    lock.lock();
    try {
      countStep();
      self.state = BLOCKING;
      self.turn = false;
      running = null;
      blockingInFlight++;
      dispatch(self.id, Trace.Op.BLOCKING, null);
    } finally {
      lock.unlock();
    }
    try {
      return call.call();
    } finally {
      lock.lock();
      try {
        blockingInFlight--;
        self.state = RETURNED;
        returned.set(self.id);
        progress++;
        if (running == null && readyCount == 0 && blockingInFlight == 0) {
          dispatch(self.id, Trace.Op.RETURN, null);
        }
      } finally {
        lock.unlock();
      }
      awaitTurn(self);
    }
  }

  @Override
  public <T> T compute(Job<T> job) throws Exception {
    switchPoint("compute", Trace.Op.COMPUTE, profile.switchesAtSpawnAndCompute());
    return job.compute();
  }

  @Override
  public void checkpoint() {
    switchPoint("checkpoint", Trace.Op.CHECKPOINT, profile.switchesAtCheckpoints());
  }

  /**
   * A channel operation or select about to run: a scheduling point on profiles where every call
   * into the model is one. Nothing from outside the simulation (a test thread closing a channel),
   * and nothing where the profile does not switch, not even a step: the operation's own park, if
   * it waits, is the step.
   */
  @Override
  public void synchronizes(Object on) {
    if (!profile.switchesAtChannelOperations()) {
      return;
    }
    SimFiber f = CURRENT.get();
    if (f == null || f.owner != this) {
      return;
    }
    switchPoint("a channel operation", Trace.Op.SYNC, true, on);
  }

  private void switchPoint(String operation, Trace.Op op, boolean switches) {
    switchPoint(operation, op, switches, null);
  }

  private void switchPoint(String operation, Trace.Op op, boolean switches, Object detail) {
    SimFiber self = requireRunning(operation);
    boolean wait = false;
    lock.lock();
    try {
      if (switches) {
        wait = yieldLocked(self, op, detail);
      } else {
        countStep();
      }
    } finally {
      lock.unlock();
    }
    if (wait) {
      awaitTurn(self);
    }
  }

  /** Draws from the schedule, so that a select's choice is part of the run's decisions. */
  @Override
  public RandomGenerator random() {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return draw(Long.MAX_VALUE);
      }

      @Override
      public int nextInt(int bound) {
        if (bound <= 0) {
          throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return (int) draw(bound);
      }
    };
  }

  private long draw(long bound) {
    lock.lock();
    try {
      return runOver() ? 0 : schedule.draw(bound);
    } finally {
      lock.unlock();
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Problems

  private void escape(String message) {
    problems.add(new SimProblem(SimProblem.Kind.ESCAPE, message));
    LOG.log(Level.WARNING, "code escaped the simulation: " + message);
  }

  /** Every live task waits and nothing can wake one: report, and cancel them all. Lock held. */
  private void deadlocked() {
    List<String> waits = new ArrayList<>();
    for (SimFiber f : fibers) {
      if (f.state != DONE) {
        waits.add(f + ": " + (f.state == PARKED ? "waits on " + f.blocker : stateName(f.state)));
      }
    }
    problems.add(new SimProblem(SimProblem.Kind.DEADLOCK,
        "every task waits, no timer is pending - deadlock!\n  " + String.join("\n  ", waits)));
    teardown = true;
    cancelAll();
  }

  private void cancelAll() {
    for (SimFiber f : fibers) {
      if (f.state != DONE) {
        f.body.task().cancel(false);
      }
    }
  }

  private List<String> aliveTasks() {
    List<String> list = new ArrayList<>();
    for (SimFiber f : fibers) {
      if (f.state != DONE) {
        list.add(f.name);
      }
    }
    return list;
  }

  private static String stateName(int state) {
    return switch (state) {
      case READY -> "ready";
      case RUNNING -> "running";
      case PARKED -> "parked";
      case BLOCKING -> "in a blocking call";
      case RETURNED -> "back from a blocking call";
      default -> "done";
    };
  }

  /**
   * Called by the {@link Watchdog} every tick: reports a task that has held the turn, or blocking
   * calls the simulation waits for, with no progress for the stall timeout. In a closed world the
   * stalled task is interrupted, which ends a real sleep or an interruptible wait.
   */
  void checkStall() {
    SimFiber stalled = null;
    lock.lock();
    try {
      long p = progress;
      long wall = System.nanoTime();
      if (p != stallSeen) {
        stallSeen = p;
        stallSince = wall;
        stallReported = false;
        return;
      }
      if (stallReported || wall - stallSince < options.stallTimeout().toNanos()) {
        return;
      }
      stallReported = true;
      String held = Duration.ofNanos(wall - stallSince).toMillis() + " ms";
      SimFiber r = running;
      if (r != null) {
        escape(r + " held the turn for " + held + " without calling into the model (a real"
            + " sleep or lock, a blocking call outside ctx.blocking, or a spin on the virtual"
            + " clock?) at " + stackOf(r.thread));
        stalled = options.closedWorld() ? r : null;
      } else if (blockingInFlight > 0 && readyCount == 0) {
        List<String> inCalls = new ArrayList<>();
        for (SimFiber f : fibers) {
          if (f.state == BLOCKING) {
            inCalls.add(f + " at " + stackOf(f.thread));
          }
        }
        escape("the simulation has waited " + held + " for blocking calls that wait on"
            + " something it cannot advance: " + inCalls);
      }
    } finally {
      lock.unlock();
    }
    if (stalled != null) {
      stalled.thread.interrupt();
    }
  }

  private static String stackOf(Thread t) {
    StackTraceElement[] stack = t.getStackTrace();
    return Arrays.stream(stack).limit(8).map(String::valueOf).toList().toString();
  }

  // -----------------------------------------------------------------------------------------------
  // Figures and shutdown

  @Override
  public Map<String, Long> stats() {
    lock.lock();
    try {
      return Map.of(
          "steps", steps,
          "decisions", decisions,
          "contextSwitches", (long) trace.contextSwitches(),
          "virtualNanos", now,
          "tasks", (long) fibers.size());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops the pending timers, then waits for the threads of the tasks, and then for the carrier of
   * its own, which it closes whatever came of that wait (a task that outlived the grace then
   * finishes on the common pool: see {@link OneCarrier}).
   */
  @Override
  protected boolean stop(GraceDeadline deadline) {
    List<Thread> threads = new ArrayList<>();
    lock.lock();
    try {
      timers.clear();
      liveTimers = 0;
      for (SimFiber f : fibers) {
        if (f.thread != null) {
          threads.add(f.thread);
        }
      }
      Watchdog.unwatch(this);
    } finally {
      lock.unlock();
    }
    boolean ended = deadline.join(threads);
    if (ownCarrier != null) {
      ownCarrier.close();
      ended &= deadline.join(ownCarrier.thread());
    }
    return ended;
  }
}
