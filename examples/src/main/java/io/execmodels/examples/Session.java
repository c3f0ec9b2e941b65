package io.execmodels.examples;

import io.execmodels.core.ExecutionModel;
import io.execmodels.core.Traits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one shootout has open and has measured so far: the models it opened, their cells, memory
 * probes, concurrency levels and child processes. The shootout's thread adds to it; a shutdown
 * hook (Ctrl-C) may at any moment take its {@link #findings} and {@link #closeAll close} its
 * models, so that an interrupted shootout keeps what it measured and leaves no child process.
 *
 * <p>Thread-safe: every method may be called from any thread. Exactly one of the two ends wins
 * ({@link #finish} for the shootout's thread, {@link #interrupt} for the hook), so the results
 * are printed once.
 */
final class Session {

  /** Where a shootout is. */
  enum Phase {
    /** Opening models and measuring. */
    MEASURING,
    /** Measuring is done and the shootout's thread reports. */
    FINISHED,
    /** The hook took over: it reports what was measured, and the shootout's thread stops. */
    INTERRUPTED
  }

  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.MEASURING);
  private final Map<String, ExecutionModel> open = new LinkedHashMap<>();
  private final Map<String, Traits> traits = new LinkedHashMap<>();
  private final Map<String, Duration> startUp = new LinkedHashMap<>();
  private final List<Result> problems = new ArrayList<>();
  private final List<Cell> cells = new ArrayList<>();
  private final List<TaskMemory> memory = new ArrayList<>();
  private final List<LevelResult> levels = new ArrayList<>();
  private final List<Result> originals = new ArrayList<>();
  private final ChildProcesses children = new ChildProcesses();
  private Map<String, ChildProcesses.Usage> childUsage = Map.of();
  private int roundsDone;

  /** Records a model opened in {@code took}; it stays open until {@link #closeAll}. */
  synchronized void opened(String name, ExecutionModel model, Duration took) {
    open.put(name, model);
    traits.put(name, model.traits());
    startUp.put(name, took);
  }

  /** The open models, by name, in the order opened. */
  synchronized Map<String, ExecutionModel> open() {
    return new LinkedHashMap<>(open);
  }

  /** Records a row that is a problem of a model itself (it would not open, or close). */
  synchronized void problem(Result row) {
    problems.add(row);
  }

  /** A new cell of a model and service, whose runs the findings will show. */
  synchronized Cell cell(String model, DemoService service) {
    Cell c = new Cell(model, service);
    cells.add(c);
    return c;
  }

  synchronized void roundDone() {
    roundsDone++;
  }

  synchronized void memory(TaskMemory m) {
    memory.add(m);
  }

  synchronized void level(LevelResult l) {
    levels.add(l);
  }

  synchronized void original(Result row) {
    originals.add(row);
  }

  /** Gives {@code model} the child processes that appeared during its last run. */
  void attributeChildren(String model) {
    children.attribute(model);
  }

  /** Reads the models' children's peak memory; while they are alive, so before closing. */
  synchronized void readChildren() {
    childUsage = children.usage();
  }

  /**
   * Closes every open model, each once (the models still open after an earlier call); a model
   * that fails to close becomes a problem row, also returned. Blocks until each has closed: a
   * process pool's child JVMs have then ended.
   *
   * @return the names of the models closed, and the problems of closing
   */
  Closed closeAll() {
    List<Map.Entry<String, ExecutionModel>> toClose;
    synchronized (this) {
      toClose = new ArrayList<>(open.entrySet());
      open.clear();
    }
    List<String> names = new ArrayList<>();
    List<Result> failures = new ArrayList<>();
    for (var e : toClose) {
      names.add(e.getKey());
      try {
        e.getValue().close();
      } catch (RuntimeException ex) {
        Result row = new Result(e.getKey(), null, null, List.of(), List.of(), null, "close: " + ex);
        failures.add(row);
        problem(row);
      }
    }
    return new Closed(names, failures);
  }

  /**
   * What {@link #closeAll} did.
   *
   * @param models the models it closed, in the order closed
   * @param problems the rows of those that failed to close
   */
  record Closed(List<String> models, List<Result> problems) {}

  /** Whether the hook has taken over: the shootout's thread must stop starting work. */
  boolean interrupted() {
    return phase.get() == Phase.INTERRUPTED;
  }

  /** The shootout's thread is done measuring; false if the hook took over first. */
  boolean finish() {
    return phase.compareAndSet(Phase.MEASURING, Phase.FINISHED);
  }

  /** The hook takes over; false if the shootout's thread was already reporting. */
  boolean interrupt() {
    return phase.compareAndSet(Phase.MEASURING, Phase.INTERRUPTED);
  }

  /** Everything measured so far: complete cells and partial ones, each with its whole runs. */
  synchronized Findings findings() {
    List<Result> rows = new ArrayList<>(problems);
    for (Cell c : cells) {
      rows.add(c.result(traits.get(c.model())));
    }
    rows.addAll(originals);
    return new Findings(startUp, rows, memory, childUsage, levels, roundsDone,
        phase.get() == Phase.INTERRUPTED);
  }
}
