package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shootout's report as a browser shows it: a reduced run writes report.html, headless
 * Chromium parses it (its DOM must hold every chart with its marks) and takes a screenshot, kept
 * as {@code target/shootout-report.png}, which must show the charts rather than a blank page. CI
 * installs Debian's chromium for it; without one on PATH the test is skipped and says so.
 */
@Timeout(180)
class ReportRenderTest {

  private static final Path SCREENSHOT = Path.of("target", "shootout-report.png");
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 3000;

  @Test
  void chromiumRendersEveryChartOfTheReport(@TempDir Path dir) throws Exception {
    String chromium = onPath("chromium", "chromium-browser", "google-chrome");
    assumeTrue(chromium != null, "no chromium on PATH (CI installs Debian's package chromium)");
    List<DemoService> small = List.of(new FanOutAggregator(10, Duration.ofMillis(1)),
        new CpuBatch(2, 1_000), new MixedHandler(20, Duration.ofMillis(1), Duration.ofMillis(2), 5,
            2_000));
    Shootout.Plan plan = new Shootout.Plan(0, 2, 3, List.of(200, 50), Duration.ofMillis(50),
        true);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int problems = Shootout.run(List.of("csp", "eventloop"), small, plan,
        new PrintStream(printed, true, StandardCharsets.UTF_8), null, dir, List.of());
    assertThat(problems).as(printed.toString(StandardCharsets.UTF_8)).isZero();
    String url = dir.resolve("report.html").toUri().toString();

    String dom = run(dir, chromium, "--dump-dom", url);
    for (String chart : List.of("bars", "cdf", "memory", "throughput")) {
      assertThat(dom).as("Chromium's DOM has a %s chart", chart)
          .contains("<svg class=\"" + chart + "\"");
    }
    // A bar per model and service, and per model in the memory chart; a line per model in the
    // latency and throughput charts: all of the file's marks are in the parsed page.
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(count(dom, "<rect")).as("bars drawn").isGreaterThanOrEqualTo(3 * 2 + 2)
        .isEqualTo(count(html, "<rect"));
    assertThat(count(dom, "<polyline")).as("lines drawn").isGreaterThanOrEqualTo(2 * 2)
        .isEqualTo(count(html, "<polyline"));

    // A model keeps one colour across the charts: its bars' fills and its legends' text.
    for (String model : List.of("csp", "eventloop")) {
      Set<String> fills = new HashSet<>();
      Matcher bar = Pattern.compile("fill=\"(#\\w+)\"><title>" + model + " ").matcher(html);
      while (bar.find()) {
        fills.add(bar.group(1));
      }
      Matcher legend = Pattern.compile("fill=\"(#\\w+)\">" + model + "</text>").matcher(html);
      while (legend.find()) {
        fills.add(legend.group(1));
      }
      assertThat(fills).as("the colours of %s", model).hasSize(1);
    }

    Files.createDirectories(SCREENSHOT.getParent());
    Files.deleteIfExists(SCREENSHOT);
    run(dir, chromium, "--hide-scrollbars", "--window-size=" + WIDTH + "," + HEIGHT,
        "--screenshot=" + SCREENSHOT.toAbsolutePath(), url);
    BufferedImage png = ImageIO.read(SCREENSHOT.toFile());
    assertThat(png).as("a PNG at %s", SCREENSHOT.toAbsolutePath()).isNotNull();
    assertThat(png.getWidth()).isEqualTo(WIDTH);
    // A page of text on white has a few greys; charts add their colours. Count what is neither.
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < png.getHeight(); y += 3) {
      for (int x = 0; x < png.getWidth(); x += 3) {
        int rgb = png.getRGB(x, y) & 0xffffff;
        int r = rgb >> 16;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) {
          colours.add(rgb);
        }
      }
    }
    assertThat(colours.size()).as("coloured pixels' distinct colours in the screenshot")
        .isGreaterThan(3);
  }

  /** Runs headless Chromium with {@code args}; its standard output, once it exited 0. */
  private static String run(Path dir, String chromium, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--user-data-dir=" + dir.resolve("profile")));
    command.addAll(List.of(args));
    Path stdout = dir.resolve("chromium.out");
    Path stderr = dir.resolve("chromium.err");
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish in 120 s: " + command);
    }
    assertThat(p.exitValue()).as("chromium's exit, stderr: %s", read(stderr)).isZero();
    return read(stdout);
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String onPath(String... names) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : names) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }
}
