package io.execmodels.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shootout's command line: which models and services, how many rounds, and which concurrency
 * levels. Parsing never
 * exits; a bad option is an {@link IllegalArgumentException} naming it, which {@link Shootout}
 * turns into exit status 2.
 *
 * @param models the models to run, in the order given
 * @param services the services to run
 * @param plan the rounds
 * @param out where the report's files go
 * @param reference whether to run the original runtimes' programs too ({@link Reference})
 * @param help whether {@code --help} was asked for
 */
record Options(List<String> models, List<DemoService> services, Shootout.Plan plan, Path out,
    boolean reference, boolean help) {

  /** Where the report goes unless {@code --out} says otherwise: under the build's directory. */
  static final Path DEFAULT_OUT = Path.of("target", "shootout");

  static final String USAGE = """
      usage: Shootout [--models a,b,...] [--workloads x,y,...] [--rounds N] [--warmup N] [--quick]
                      [--concurrency R1,R2,...] [--duration MS] [--seed N] [--out DIR]
                      [--no-reference] [--help]
        --models    models to run (default: every available one; of the simulation's profiles,
                    sim alone)
        --workloads services to run, by name (default: all; --services says the same)
        --rounds    measured rounds (default 5); --warmup rounds not counted (default 2)
        --quick     1 warm-up round and 2 measured, 100 ms per concurrency level
        --concurrency  the arrival rates, requests/s, at which the request workloads (fan-out,
                    mixed) are offered open loop (default 100,400,1600; 0 for none)
        --duration  how long requests arrive at each rate, in ms (default 250)
        --seed      the seed of the models' order in each round (default 1)
        --out       where report.html, results.csv and results.json go (default target/shootout)
        --no-reference  leave out the original runtimes (node, go, python3) found on PATH""";

  /**
   * Parses {@code args}.
   *
   * @param available the models that exist, for {@code --models}' default and its check
   * @param services every service, for {@code --workloads}
   * @throws IllegalArgumentException naming a bad or unknown option or value
   */
  static Options parse(String[] args, List<String> available, List<DemoService> services) {
    // sim's other profiles (sim:csp...) are the same simulation under other rules: sim alone
    // stands for it by default.
    List<String> models = available.stream().filter(m -> !m.startsWith("sim:")).toList();
    List<DemoService> chosen = services;
    Shootout.Plan standard = Shootout.Plan.standard();
    Integer rounds = null;
    Integer warmup = null;
    List<Integer> rates = null;
    Integer duration = null;
    boolean quick = false;
    long seed = standard.seed();
    boolean help = false;
    Path out = DEFAULT_OUT;
    boolean reference = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h" -> help = true;
        case "--quick" -> quick = true;
        case "--models" -> models = models(value(args, ++i, a), available);
        case "--workloads", "--services" -> chosen = services(value(args, ++i, a), services);
        case "--rounds" -> rounds = count(value(args, ++i, a), a, 1);
        case "--warmup" -> warmup = count(value(args, ++i, a), a, 0);
        case "--concurrency" -> rates = rates(value(args, ++i, a));
        case "--duration" -> duration = count(value(args, ++i, a), a, 1, 60_000);
        case "--seed" -> seed = number(value(args, ++i, a), a);
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--no-reference" -> reference = false;
        default -> throw new IllegalArgumentException("unknown option '" + a + "'");
      }
    }
    Shootout.Plan base = quick ? Shootout.Plan.quick() : standard;
    Shootout.Plan plan = new Shootout.Plan(warmup != null ? warmup : base.warmup(),
        rounds != null ? rounds : base.rounds(), seed, rates != null ? rates : base.rates(),
        duration != null ? Duration.ofMillis(duration) : base.window(), base.memory(),
        base.minTurn());
    return new Options(models, chosen, plan, out, reference, help);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static List<String> models(String list, List<String> available) {
    List<String> names = split(list, "--models");
    for (String n : names) {
      if (!available.contains(n)) {
        throw new IllegalArgumentException("--models: no model '" + n + "' on the class path;"
            + " available: " + available);
      }
    }
    return names;
  }

  private static List<DemoService> services(String list, List<DemoService> all) {
    List<DemoService> out = new ArrayList<>();
    for (String n : split(list, "--workloads")) {
      out.add(all.stream().filter(s -> s.name().equals(n)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--workloads: no service '" + n
              + "'; known: " + all.stream().map(DemoService::name).toList())));
    }
    return out;
  }

  /** {@code --concurrency}: rates of 1 to 100,000 requests/s, or {@code 0} alone for none. */
  private static List<Integer> rates(String list) {
    if (list.trim().equals("0")) {
      return List.of();
    }
    List<Integer> rates = new ArrayList<>();
    for (String r : split(list, "--concurrency")) {
      long n = number(r, "--concurrency");
      if (n < 1 || n > 100_000) {
        throw new IllegalArgumentException(
            "--concurrency: a rate must be between 1 and 100000 requests/s, was " + r);
      }
      rates.add((int) n);
    }
    return rates;
  }

  private static List<String> split(String list, String option) {
    List<String> names = Arrays.stream(list.split(",")).map(String::trim)
        .filter(n -> !n.isEmpty()).toList();
    if (names.isEmpty()) {
      throw new IllegalArgumentException(option + " needs at least one name");
    }
    return names;
  }

  private static int count(String value, String option, int min) {
    return count(value, option, min, 1000);
  }

  private static int count(String value, String option, int min, int max) {
    long n = number(value, option);
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          option + " must be between " + min + " and " + max + ", was " + value);
    }
    return (int) n;
  }

  private static long number(String value, String option) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
    }
  }
}
