package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.execmodels.core.Ctx;
import io.execmodels.core.ExecutionModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import io.execmodels.core.Traits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ShootoutTest {

  /** A service that answers 41 where 42 is expected: the shootout must not let it pass. */
  private static final DemoService OFF_BY_ONE = new DemoService() {
    @Override
    public String name() {
      return "off-by-one";
    }

    @Override
    public String workload() {
      return "answers 41";
    }

    @Override
    public long expected() {
      return 42;
    }

    @Override
    public long call(Ctx ctx) {
      return 41;
    }
  };

  /** A service that throws. */
  private static final DemoService BROKEN = new DemoService() {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String workload() {
      return "throws";
    }

    @Override
    public long expected() {
      return 0;
    }

    @Override
    public long call(Ctx ctx) {
      throw new IllegalStateException("backend down");
    }
  };

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void reportsNoProblemWhenEveryServiceGivesItsExpectedResult() {
    List<DemoService> small = List.of(
        new FanOutAggregator(10, Duration.ofMillis(1)),
        new CpuBatch(2, 1_000),
        new ChannelPipeline(100, 8));

    int problems = Shootout.run(ExecutionModels.available(), small, out);

    assertThat(problems).isZero();
    assertThat(printed()).contains("parallelism", "preemption", "memory");
    for (String model : ExecutionModels.available()) {
      for (DemoService service : small) {
        assertThat(printed()).containsPattern(
            "(?m)^" + model + " +" + service.name() + " .* " + service.expected() + " .* ok$");
      }
    }
  }

  @Test
  void countsAWrongResultAsAProblemAndSaysWhatWasExpected() {
    int problems = Shootout.run(List.of("csp"), List.of(OFF_BY_ONE), out);

    assertThat(problems).isEqualTo(1);
    assertThat(printed()).contains("WRONG: 41, expected 42");
  }

  @Test
  void countsAFailedServiceAsAProblemAndGoesOnWithTheNext() {
    int problems = Shootout.run(List.of("csp"), List.of(BROKEN, new ChannelPipeline(10, 1)), out);

    assertThat(problems).isEqualTo(1);
    assertThat(printed()).contains("FAILED:", "backend down");
    assertThat(printed()).containsPattern("(?m)^csp +pipeline .* 385 .* ok$");
  }

  @Test
  void countsAModelThatCannotBeOpenedAsAProblem() {
    int problems = Shootout.run(List.of("no-such-model"), List.of(OFF_BY_ONE), out);

    assertThat(problems).isEqualTo(1);
    assertThat(printed()).contains("unknown execution model 'no-such-model'");
  }

  @Test
  void countsHavingNoModelAtAllAsAProblem() {
    assertThat(Shootout.run(List.of(), Shootout.services(), out)).isEqualTo(1);
  }

  @Test
  void measuresEachServiceOverTheMeasuredRoundsAndTimesEachModelsStartUpOnItsOwnRow() {
    DemoService pipeline = new ChannelPipeline(10, 1);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    int problems = Shootout.run(List.of("csp"), List.of(pipeline), new Shootout.Plan(1, 3, 7),
        out, new PrintStream(progress, true, StandardCharsets.UTF_8), null, List.of());

    assertThat(problems).isZero();
    assertThat(printed()).contains("1 warm-up round(s), then 3 measured", "seed 7");
    assertThat(printed()).containsPattern("(?m)^start-up .*\\n  csp +[0-9.]+ ms$");
    // min <= median <= max, read back from the row.
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "(?m)^csp +pipeline .* 385 +([0-9.]+) +([0-9.]+) +([0-9.]+) .* ok$").matcher(printed());
    assertThat(m.find()).as("the pipeline's row in:%n%s", printed()).isTrue();
    double min = Double.parseDouble(m.group(1));
    double median = Double.parseDouble(m.group(2));
    double max = Double.parseDouble(m.group(3));
    assertThat(min).isLessThanOrEqualTo(median);
    assertThat(median).isLessThanOrEqualTo(max);
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("warm-up round 1/1: pipeline on csp", "measured round 3/3: pipeline on csp");
  }

  @Test
  void aServiceShorterThanATurnRunsAgainWithinItAndEveryRunIsRecorded(@TempDir Path dir)
      throws Exception {
    // A 10-item pipeline takes about a millisecond: a 200 ms turn holds several of its runs,
    // and never more than the cap.
    Shootout.Plan plan = new Shootout.Plan(0, 2, 1, List.of(), Duration.ofMillis(50), false,
        Duration.ofMillis(200));
    int problems = Shootout.run(List.of("csp"), List.of(new ChannelPipeline(10, 1)), plan, out,
        null, dir, List.of());

    assertThat(problems).as(printed()).isZero();
    assertThat(printed()).contains("a turn at a service lasts at least 200 ms");
    long runs = Files.readAllLines(dir.resolve("results.csv")).stream()
        .filter(l -> l.startsWith("csp,pipeline,")).count();
    assertThat(runs).as("runs recorded over 2 measured turns")
        .isGreaterThan(2).isLessThanOrEqualTo(2L * Cell.MAX_RUNS_PER_TURN);
  }

  @Test
  void writesEveryRunToCsvAndJsonAndAReportWithItsChartsAndVerdicts(@TempDir Path dir)
      throws Exception {
    List<DemoService> small = List.of(new FanOutAggregator(10, Duration.ofMillis(1)),
        new CpuBatch(2, 1_000), new MixedHandler(20, Duration.ofMillis(1), Duration.ofMillis(2), 5,
            2_000));
    Shootout.Plan plan = new Shootout.Plan(0, 2, 3, List.of(200, 50), Duration.ofMillis(50),
        true);
    int problems = Shootout.run(List.of("csp", "eventloop"), small, plan, out, null, dir,
        List.of());

    assertThat(problems).as(printed()).isZero();
    assertThat(printed()).contains("report: " + dir.resolve("report.html").toAbsolutePath(),
        "concurrency levels [50, 200] requests/s, 50 ms of arrivals each");
    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(csv.get(0)).isEqualTo(
        "model,service,run,result,wall_ms,cpu_ms,heap_peak_mb,requests,p50_ms,p99_ms,problem");
    assertThat(csv).hasSize(1 + 2 * 3 * 2); // a line per model, service and measured run
    assertThat(csv).anyMatch(l -> l.startsWith("eventloop,mixed,2,") && l.contains(",20,"));
    // A line per model, request workload and rate; 50/s for 50 ms is 3 requests (rounded).
    List<String> levels = Files.readAllLines(dir.resolve("levels.csv"));
    assertThat(levels.get(0)).isEqualTo("model,workload,offered_per_s,requests,completed_per_s,"
        + "p50_ms,p99_ms,max_ms,problem");
    assertThat(levels).hasSize(1 + 2 * 2 * 2)
        .anyMatch(l -> l.startsWith("csp,mixed,50,3,"))
        .anyMatch(l -> l.startsWith("eventloop,fan-out,200,10,"));
    List<String> memory = Files.readAllLines(dir.resolve("memory.csv"));
    assertThat(memory).hasSize(1 + 2)
        .anyMatch(l -> l.startsWith("csp," + TaskMemory.VIRTUAL_TASKS + ","));
    String json = Files.readString(dir.resolve("results.json"));
    assertThat(json).contains("\"model\": \"csp\"", "\"service\": \"cpu-batch\"",
        "\"latencyMs\": [", "\"partial\": false", "\"heapBytesPerTask\": ",
        "\"offeredPerS\": 200");
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "http://", "https://")
        .contains("<svg class=\"bars\"", "<svg class=\"cdf\"", "<polyline", "good for I/O?",
            "<svg class=\"memory\"", "<svg class=\"throughput\"",
            "mixed at 200 requests/s: latency distribution", "Compare models on the longer")
        .doesNotContain("PARTIAL");
    assertThat(html.split("<svg class=\"bars\"", -1)).as("one bar chart per service").hasSize(4);
    assertThat(html.split("<svg class=\"throughput\"", -1)).as("one per request workload")
        .hasSize(3);
    assertThat(printed()).contains("What each model is good for", "good for CPU?",
        "heap B/task", "completed/s", Report.SHORT_SERVICES_NOTE);
  }

  @Test
  void theOriginalsRunTheSameServiceUnderTheSamePlanAndTheirRowsAreChecked(@TempDir Path dir)
      throws Exception {
    Reference.Found found = Reference.find(Path.of("reference"), dir);
    List<Reference.Runtime> originals = found.runtimes().stream()
        .filter(r -> !r.name().startsWith("go")).toList(); // go's build is slow for a unit test
    assumeTrue(!originals.isEmpty(), "node or python3 on PATH: " + found.absent());

    int problems = Shootout.run(List.of("csp"), List.of(new ChannelPipeline()),
        new Shootout.Plan(0, 2, 1, List.of(50), Duration.ofMillis(60), true), out, null, dir,
        originals);

    assertThat(problems).as(printed()).isZero();
    String levels = Files.readString(dir.resolve("levels.csv"));
    String memory = Files.readString(dir.resolve("memory.csv"));
    String json = Files.readString(dir.resolve("results.json"));
    for (Reference.Runtime r : originals) {
      String name = java.util.regex.Pattern.quote(r.name());
      assertThat(printed()).containsPattern("(?m)^" + name + " +pipeline .* 333383335000 .* ok$")
          .as("its levels, 3 requests each at 50/s for 60 ms")
          .containsPattern("(?m)^" + name + " +fan-out +50 +3 .* ok$")
          .containsPattern("(?m)^" + name + " +mixed +50 +3 .* ok$")
          .as("its memory row").containsPattern("(?m)^" + name + " +2000 +-?\\d+ .* ok$");
      assertThat(levels).contains(r.name() + ",fan-out,50,3,", r.name() + ",mixed,50,3,");
      assertThat(memory).contains(r.name() + ",2000,");
      assertThat(json).contains("{\"model\": \"" + r.name() + "\", \"workload\": \"mixed\"",
          "{\"model\": \"" + r.name() + "\", \"parkedTasks\": 2000");
    }
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).as("the originals' lines are dashed in the throughput and latency charts")
        .contains("stroke-dasharray=\"7 3\" class=\"original\"");
  }

  @Test
  void anOriginalThatGivesAWrongResultOrFailsIsAProblemNamingWhy() {
    Traits one = new Traits(1, Traits.Preemption.NONE, Traits.Memory.SHARED, 1);
    Reference.Runtime wrong = new Reference.Runtime("liar (original)",
        List.of("python3", "-c", "print('RUN 41 1000 1000 ')"), one, false);
    Reference.Runtime broken = new Reference.Runtime("broken (original)",
        List.of("python3", "-c", "import sys; print('oops'); sys.exit(3)"), one, false);
    assumeTrue(Reference.works("python3", "--version"), "python3 on PATH");
    DemoService pipeline = new ChannelPipeline();

    assertThat(Reference.run(wrong, pipeline, 0, 1).problem())
        .isEqualTo("WRONG: 41, expected 333383335000");
    assertThat(Reference.run(broken, pipeline, 0, 1).problem()).isEqualTo("FAILED: exit 3: oops");
    assertThat(Reference.find(Path.of("no-such-directory"), Path.of("target")).absent())
        .singleElement().asString().startsWith("no reference programs at");
  }

  @Test
  void aBadOptionIsNamedAndTheDefaultsAreThePlansStandardOnes() {
    List<String> available = List.of("csp", "eventloop");
    List<DemoService> all = Shootout.services();
    Options defaults = Options.parse(new String[0], available, all);
    assertThat(defaults.models()).isEqualTo(available);
    assertThat(defaults.plan()).isEqualTo(Shootout.Plan.standard());
    assertThat(defaults.out()).isEqualTo(Options.DEFAULT_OUT);
    assertThat(Options.parse(new String[] {"--out", "x/y"}, available, all).out())
        .isEqualTo(Path.of("x/y"));
    Options quick = Options.parse(new String[] {"--quick", "--models", "eventloop",
        "--workloads", "pipeline"}, available, all);
    assertThat(Options.parse(new String[] {"--services", "pipeline"}, available, all).services())
        .as("--services, the option's earlier name").extracting(DemoService::name)
        .containsExactly("pipeline");
    assertThat(Options.parse(new String[0], List.of("csp", "sim", "sim:csp"), all).models())
        .as("of the simulation's profiles, sim alone by default").containsExactly("csp", "sim");
    assertThat(quick.plan()).isEqualTo(Shootout.Plan.quick());
    assertThat(Options.parse(new String[] {"--concurrency", "800,50", "--duration", "250"},
        available, all).plan()).isEqualTo(Shootout.Plan.standard()
            .withLevels(List.of(50, 800), Duration.ofMillis(250)));
    assertThat(Options.parse(new String[] {"--concurrency", "0"}, available, all).plan().rates())
        .isEmpty();
    assertThatThrownBy(() -> Options.parse(new String[] {"--concurrency", "10,x"}, available,
        all)).hasMessage("--concurrency must be a whole number, was 'x'");
    assertThatThrownBy(() -> Options.parse(new String[] {"--concurrency", "10,0"}, available,
        all)).hasMessage("--concurrency: a rate must be between 1 and 100000 requests/s, was 0");
    assertThatThrownBy(() -> Options.parse(new String[] {"--duration", "0"}, available, all))
        .hasMessage("--duration must be between 1 and 60000, was 0");
    assertThat(quick.models()).containsExactly("eventloop");
    assertThat(quick.services()).extracting(DemoService::name).containsExactly("pipeline");

    assertThatThrownBy(() -> Options.parse(new String[] {"--rounds"}, available, all))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--rounds needs a value");
    assertThatThrownBy(() -> Options.parse(new String[] {"--rounds", "0"}, available, all))
        .hasMessage("--rounds must be between 1 and 1000, was 0");
    assertThatThrownBy(() -> Options.parse(new String[] {"--models", "go"}, available, all))
        .hasMessage("--models: no model 'go' on the class path; available: [csp, eventloop]");
    assertThatThrownBy(() -> Options.parse(new String[] {"--fast"}, available, all))
        .hasMessage("unknown option '--fast'");
  }

  @Test
  void aPercentileIsTheNearestRankOne() {
    List<Duration> ten = java.util.stream.IntStream.rangeClosed(1, 10)
        .mapToObj(Duration::ofMillis).toList();
    assertThat(Shootout.percentile(ten, 0.50)).isEqualTo(Duration.ofMillis(5));
    assertThat(Shootout.percentile(ten, 0.90)).isEqualTo(Duration.ofMillis(9));
    assertThat(Shootout.percentile(ten, 0.99)).isEqualTo(Duration.ofMillis(10));
    assertThat(Shootout.percentile(List.of(Duration.ofMillis(3)), 0.99))
        .isEqualTo(Duration.ofMillis(3));
  }
}
