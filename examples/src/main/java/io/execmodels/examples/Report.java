package io.execmodels.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a shootout's measurements where it was asked to: {@code results.csv} (every measured
 * run), {@code levels.csv} (every concurrency level), {@code memory.csv} (per model) and {@code
 * results.json} (all of it), and {@code report.html}, self-contained (no script, no external
 * file): the tables, a bar chart of each service's median time per model, the mixed handler's
 * latency distribution per model, the heap per parked task, throughput against the offered rate
 * per request workload, and the mixed workload's latency distribution at each rate, as inline SVG.
 * The originals' rows (Go, Node.js, CPython) are in every table and chart beside the models', each
 * in a colour of its own, their lines dashed. An interrupted shootout's files say they are
 * partial.
 *
 * <p>Not thread-safe in what it writes: one shootout writes into a directory at a time.
 */
final class Report {
  private Report() {}

  /** What the report says about the run itself. */
  record Header(String title, String machine, String plan) {}

  /**
   * Writes the three files into {@code dir}, creating it.
   *
   * @return the HTML report's path
   */
  static Path write(Path dir, Header header, Findings findings, List<Verdicts.Verdict> verdicts)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.csv"), csv(findings.results()),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("levels.csv"), levelsCsv(findings.levels()),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("memory.csv"), memoryCsv(findings), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("results.json"), json(header, findings),
        StandardCharsets.UTF_8);
    Path html = dir.resolve("report.html");
    Files.writeString(html, html(header, findings, verdicts), StandardCharsets.UTF_8);
    return html;
  }

  // ---------------------------------------------------------------------------------------------
  // CSV and JSON: every run, so that other tools can redo the statistics.

  static String csv(List<Result> results) {
    StringBuilder b = new StringBuilder(
        "model,service,run,result,wall_ms,cpu_ms,heap_peak_mb,requests,p50_ms,p99_ms,problem\n");
    for (Result r : results) {
      String service = r.service() == null ? "" : r.service().name();
      if (!r.timed()) {
        b.append(csvField(r.model())).append(',').append(csvField(service))
            .append(",,,,,,,,,").append(csvField(r.problem() == null ? "" : r.problem()))
            .append('\n');
        continue;
      }
      for (int i = 0; i < r.runs().size(); i++) {
        Measured m = r.runs().get(i);
        List<Duration> lat = m.latencies().stream().sorted().toList();
        b.append(csvField(r.model())).append(',').append(csvField(service)).append(',')
            .append(i + 1).append(',').append(m.result()).append(',')
            .append(num(m.wall())).append(',').append(num(r.cpus().get(i))).append(',')
            .append(r.heapPeaks().isEmpty() ? "" : mb(r.heapPeaks().get(i))).append(',')
            .append(lat.isEmpty() ? "" : lat.size()).append(',')
            .append(lat.isEmpty() ? "" : num(Shootout.percentile(lat, 0.50))).append(',')
            .append(lat.isEmpty() ? "" : num(Shootout.percentile(lat, 0.99))).append(',')
            .append(csvField(r.problem() == null ? "" : r.problem())).append('\n');
      }
    }
    return b.toString();
  }

  static String levelsCsv(List<LevelResult> levels) {
    StringBuilder b = new StringBuilder(
        "model,workload,offered_per_s,requests,completed_per_s,p50_ms,p99_ms,max_ms,problem\n");
    for (LevelResult l : levels) {
      List<Duration> lat = l.latencies();
      boolean timed = !lat.isEmpty();
      b.append(csvField(l.model())).append(',').append(csvField(l.workload())).append(',')
          .append(l.rate()).append(',').append(l.requests()).append(',')
          .append(timed ? String.format(Locale.ROOT, "%.1f", l.throughput()) : "").append(',')
          .append(timed ? num(Shootout.percentile(lat, 0.50)) : "").append(',')
          .append(timed ? num(Shootout.percentile(lat, 0.99)) : "").append(',')
          .append(timed ? num(lat.get(lat.size() - 1)) : "").append(',')
          .append(csvField(l.problem() == null ? "" : l.problem())).append('\n');
    }
    return b.toString();
  }

  static String memoryCsv(Findings findings) {
    StringBuilder b = new StringBuilder(
        "model,parked_tasks,heap_bytes_per_task,task,measure,child_processes,child_peak_mb,"
            + "problem\n");
    for (TaskMemory m : findings.memory()) {
      ChildProcesses.Usage c = findings.children().get(m.model());
      b.append(csvField(m.model())).append(',').append(m.tasks()).append(',')
          .append(m.ok() ? Long.toString(m.bytesPerTask()) : "").append(',')
          .append(csvField(m.task())).append(',').append(csvField(m.measure())).append(',')
          .append(c == null ? 0 : c.processes()).append(',')
          .append(c == null || c.peakBytes() < 0 ? "" : mb(c.peakBytes())).append(',')
          .append(csvField(m.problem() == null ? "" : m.problem())).append('\n');
    }
    return b.toString();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.3f", bytes / (1024.0 * 1024.0));
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  static String json(Header header, Findings findings) {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"title\": ").append(str(header.title())).append(",\n");
    b.append("  \"machine\": ").append(str(header.machine())).append(",\n");
    b.append("  \"plan\": ").append(str(header.plan())).append(",\n");
    b.append("  \"partial\": ").append(findings.partial()).append(",\n");
    b.append("  \"roundsDone\": ").append(findings.roundsDone()).append(",\n");
    b.append("  \"startUpMs\": {");
    List<String> su = new ArrayList<>();
    findings.startUp().forEach((m, d) -> su.add(str(m) + ": " + num(d)));
    b.append(String.join(", ", su)).append("},\n");
    b.append("  \"results\": [\n");
    List<Result> results = findings.results();
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      b.append("    {\"model\": ").append(str(r.model()))
          .append(", \"service\": ").append(r.service() == null ? "null" : str(r.service().name()))
          .append(", \"problem\": ").append(r.problem() == null ? "null" : str(r.problem()))
          .append(", \"wallMs\": ").append(list(r.runs().stream().map(Measured::wall).toList()))
          .append(", \"cpuMs\": ").append(list(r.cpus()))
          .append(", \"heapPeakBytes\": ").append(r.heapPeaks())
          .append(", \"latencyMs\": ").append(list(r.latencies()))
          .append('}').append(i + 1 < results.size() ? ",\n" : "\n");
    }
    b.append("  ],\n  \"memory\": [\n");
    List<TaskMemory> memory = findings.memory();
    for (int i = 0; i < memory.size(); i++) {
      TaskMemory m = memory.get(i);
      ChildProcesses.Usage c = findings.children().get(m.model());
      b.append("    {\"model\": ").append(str(m.model()))
          .append(", \"parkedTasks\": ").append(m.tasks())
          .append(", \"heapBytesPerTask\": ").append(m.ok() ? m.bytesPerTask() : "null")
          .append(", \"platformThreads\": ").append(m.platformThreads())
          .append(", \"task\": ").append(str(m.task()))
          .append(", \"measure\": ").append(str(m.measure()))
          .append(", \"childProcesses\": ").append(c == null ? 0 : c.processes())
          .append(", \"childPeakBytes\": ").append(c == null || c.peakBytes() < 0 ? "null"
              : c.peakBytes())
          .append(", \"problem\": ").append(m.problem() == null ? "null" : str(m.problem()))
          .append('}').append(i + 1 < memory.size() ? ",\n" : "\n");
    }
    b.append("  ],\n  \"levels\": [\n");
    List<LevelResult> levels = findings.levels();
    for (int i = 0; i < levels.size(); i++) {
      LevelResult l = levels.get(i);
      b.append("    {\"model\": ").append(str(l.model()))
          .append(", \"workload\": ").append(str(l.workload()))
          .append(", \"offeredPerS\": ").append(l.rate())
          .append(", \"requests\": ").append(l.requests())
          .append(", \"spanMs\": ").append(num(l.span()))
          .append(", \"problem\": ").append(l.problem() == null ? "null" : str(l.problem()))
          .append(", \"latencyMs\": ").append(list(l.latencies()))
          .append('}').append(i + 1 < levels.size() ? ",\n" : "\n");
    }
    return b.append("  ]\n}\n").toString();
  }

  private static String list(List<Duration> ds) {
    List<String> parts = new ArrayList<>(ds.size());
    ds.forEach(d -> parts.add(num(d)));
    return "[" + String.join(", ", parts) + "]";
  }

  /** Milliseconds, to the microsecond. */
  private static String num(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
  }

  private static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  // ---------------------------------------------------------------------------------------------
  // HTML

  /**
   * How to read a service of a few milliseconds, under the results in the text and the report:
   * measured with {@code bench/shootout-order.sh} (README, "Does the order the models run in move
   * their figures?").
   */
  static final String SHORT_SERVICES_NOTE = "A service done in a few milliseconds (the pipeline)"
      + " hands values between tasks thousands of times a run, and its speed depends on where the"
      + " JVM places those tasks on its carrier threads: on a 2-CPU machine the same model's"
      + " median moved by up to 4 times from one JVM to the next in the same order"
      + " (bench/shootout-order.sh measures it on yours). Compare models on the longer services.";

  private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
      "#8c564b", "#e377c2", "#393b79", "#7f7f7f", "#bcbd22", "#17becf"};

  /**
   * Each model's colour, the same in every chart of a report and of every report: by its place
   * here (an emulation and its original next to each other's hue would mislead, so the originals
   * come last), else by its name's hash.
   */
  private static final List<String> COLOUR_ORDER = List.of("csp", "eventloop", "gil-threads",
      "asyncio", "process-pool", "cluster", "sim", "grid", "go (original)", "node (original)",
      "python");

  /** The colour of the model a chart label names (a memory bar's label may carry a mark). */
  private static String colour(String label) {
    String name = label.endsWith(" *") ? label.substring(0, label.length() - 2) : label;
    for (int i = 0; i < COLOUR_ORDER.size(); i++) {
      if (name.equals(COLOUR_ORDER.get(i)) || name.startsWith(COLOUR_ORDER.get(i) + " ")) {
        return COLOURS[i];
      }
    }
    return COLOURS[Math.floorMod(name.hashCode(), COLOURS.length)];
  }

  static String html(Header header, Findings findings, List<Verdicts.Verdict> verdicts) {
    List<Result> results = findings.results();
    Map<String, Duration> startUp = findings.startUp();
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(header.title())).append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em;max-width:1100px}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("td:first-child,th:first-child,td.l{text-align:left}")
        .append(".bad{color:#b00}svg{margin:0.5em 0}</style></head><body>\n");
    b.append("<h1>").append(esc(header.title())).append("</h1>\n<p>")
        .append(esc(header.machine())).append("<br>").append(esc(header.plan())).append("</p>\n");
    if (findings.partial()) {
      b.append("<p class=\"partial bad\"><b>PARTIAL</b>: the shootout was interrupted after ")
          .append(findings.roundsDone()).append(" measured round(s); what follows is what it had"
              + " measured.</p>\n");
    }

    b.append("<h2>What each model is good for, from this run</h2>\n<table><tr><th>model</th>")
        .append("<th>good for I/O?</th><th>good for CPU?</th><th>a CPU spike hurts I/O?</th>")
        .append("<th>cheap to fan out?</th><th>scales by</th><th>isolation</th></tr>\n");
    for (Verdicts.Verdict v : verdicts) {
      b.append("<tr><td>").append(esc(v.model())).append("</td><td class=\"l\">")
          .append(esc(v.io())).append("</td><td class=\"l\">").append(esc(v.cpu()))
          .append("</td><td class=\"l\">").append(esc(v.spike())).append("</td><td class=\"l\">")
          .append(esc(v.fanOut())).append("</td><td class=\"l\">").append(esc(v.scales())).append("</td><td class=\"l\">").append(esc(v.isolation()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");

    b.append("<h2>Median time of a run, per service</h2>\n");
    Map<String, List<Result>> byService = new LinkedHashMap<>();
    for (Result r : results) {
      if (r.ok() && r.timed()) {
        byService.computeIfAbsent(r.service().name(), s -> new ArrayList<>()).add(r);
      }
    }
    for (var e : byService.entrySet()) {
      b.append("<h3>").append(esc(e.getKey())).append(": ")
          .append(esc(e.getValue().get(0).service().workload())).append("</h3>\n");
      b.append(bars(e.getValue()));
    }

    List<Result> mixed = byService.getOrDefault("mixed", List.of()).stream()
        .filter(r -> !r.latencies().isEmpty()).toList();
    if (!mixed.isEmpty()) {
      List<String> labels = mixed.stream().map(Result::model).toList();
      b.append("<h2>Latency of the mixed handler's requests (distribution, log scale)</h2>\n")
          .append(cdf(labels, mixed.stream().map(Result::latencies).toList()));
    }
    memory(b, findings);
    levels(b, findings.levels());

    b.append("<h2>Every figure</h2>\n<table><tr><th>model</th><th>service</th><th>min ms</th>")
        .append("<th>median ms</th><th>max ms</th><th>CPU ms (median)</th><th>cores</th>")
        .append("<th>peak heap MB (median)</th><th>check</th></tr>\n");
    for (Result r : results) {
      b.append("<tr><td>").append(esc(r.model())).append("</td><td class=\"l\">")
          .append(r.service() == null ? "-" : esc(r.service().name())).append("</td>");
      if (r.timed()) {
        List<Duration> w = r.walls();
        b.append("<td>").append(num(w.get(0))).append("</td><td>").append(num(r.medianWall()))
            .append("</td><td>").append(num(w.get(w.size() - 1))).append("</td><td>")
            .append(num(r.medianCpu())).append("</td><td>")
            .append(String.format(Locale.ROOT, "%.2f", r.cores())).append("</td><td>")
            .append(r.medianHeapPeak() < 0 ? "-" : mb(r.medianHeapPeak())).append("</td>");
      } else {
        b.append("<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>");
      }
      b.append(r.ok() ? "<td class=\"l\">ok</td>"
          : "<td class=\"l bad\">" + esc(r.problem()) + "</td>").append("</tr>\n");
    }
    b.append("</table>\n<p>").append(esc(SHORT_SERVICES_NOTE)).append("</p>\n");
    b.append("<h2>Start-up, once per model</h2>\n<table><tr><th>model</th>")
        .append("<th>ms</th></tr>\n");
    startUp.forEach((m, d) -> b.append("<tr><td>").append(esc(m)).append("</td><td>")
        .append(num(d)).append("</td></tr>\n"));
    b.append("</table>\n<p>Raw figures: results.csv, levels.csv, memory.csv, results.json"
        + " (beside this file).</p>\n")
        .append("</body></html>\n");
    return b.toString();
  }

  /** Horizontal bars, one per model, of the median wall time; the axis starts at 0. */
  private static String bars(List<Result> rows) {
    return bars("bars", rows.stream().map(Result::model).toList(),
        rows.stream().map(r -> r.medianWall().toNanos() / 1e6).toList(), "%.3f ms");
  }

  /**
   * Horizontal bars of {@code values}, labelled, each with its value printed by {@code format};
   * the axis starts at 0 (a negative value, noise around 0, draws as a sliver).
   */
  private static String bars(String cls, List<String> labels, List<Double> values,
      String format) {
    int barHeight = 18;
    // Wide enough for the longest label at 12 px (python asyncio (original)), and no narrower
    // than before for short ones.
    int labelWidth = Math.max(130, 10 + 7 * labels.stream().mapToInt(String::length).max()
        .orElse(0));
    int width = 640;
    double max = Math.max(1e-9, values.stream().mapToDouble(Double::doubleValue).max().orElse(1));
    StringBuilder b = new StringBuilder();
    int height = labels.size() * (barHeight + 4) + 4;
    b.append("<svg class=\"").append(cls).append("\" width=\"")
        .append(labelWidth + width + 110).append("\" height=\"").append(height).append("\">\n");
    for (int i = 0; i < labels.size(); i++) {
      double w = Math.max(1, width * values.get(i) / max);
      String value = String.format(Locale.ROOT, format, values.get(i));
      int y = 4 + i * (barHeight + 4);
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
          + "text-anchor=\"end\">%s</text>", labelWidth - 6, y + 13, esc(labels.get(i))));
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
          + "fill=\"%s\"><title>%s %s</title></rect>", labelWidth, y, w,
          barHeight, colour(labels.get(i)), esc(labels.get(i)), esc(value)));
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s"
          + "</text>%n", labelWidth + w + 4, y + 13, esc(value)));
    }
    return b.append("</svg>\n").toString();
  }

  /** The heap per parked task, as bars and a table with the child processes. */
  private static void memory(StringBuilder b, Findings findings) {
    List<TaskMemory> probed = findings.memory().stream().filter(TaskMemory::ok).toList();
    if (findings.memory().isEmpty()) {
      return;
    }
    b.append("<h2>Memory per in-flight task</h2>\n<p>The heap in use after a full GC with that"
        + " many tasks parked at once on a channel, less the heap after they ended, over their"
        + " number. A virtual thread keeps its stack in the heap; a platform thread's stack is"
        + " outside it (about 1 MB reserved each), so for a model on platform threads the figure"
        + " is its objects only. Child processes' memory is in no heap figure: it is their peak"
        + " resident memory (VmHWM), in the last column. The originals (Go, Node.js, CPython)"
        + " measure their own tasks with their own runtime's measure, named in the measure"
        + " column: beside the models' figures, not the same ruler.</p>\n");
    if (!probed.isEmpty()) {
      b.append(bars("memory", probed.stream().map(m -> m.model()
          + (m.platformThreads() ? " *" : "")).toList(),
          probed.stream().map(m -> m.bytesPerTask() / 1024.0).toList(), "%.2f KB"));
      b.append("<p>* tasks on platform threads: stacks not counted.</p>\n");
    }
    b.append("<table><tr><th>model</th><th>parked tasks</th><th>heap bytes per task</th>")
        .append("<th>task</th><th>measure</th><th>child processes</th><th>child peak MB</th>")
        .append("<th>check</th></tr>\n");
    for (TaskMemory m : findings.memory()) {
      ChildProcesses.Usage c = findings.children().get(m.model());
      b.append("<tr><td>").append(esc(m.model())).append("</td><td>").append(m.tasks())
          .append("</td><td>").append(m.ok() ? Long.toString(m.bytesPerTask()) : "-")
          .append("</td><td class=\"l\">").append(esc(m.task()))
          .append("</td><td class=\"l\">").append(esc(m.measure())).append("</td><td>")
          .append(c == null ? 0 : c.processes()).append("</td><td>")
          .append(c == null || c.peakBytes() < 0 ? "-" : mb(c.peakBytes())).append("</td>")
          .append(m.ok() ? "<td class=\"l\">ok</td>"
              : "<td class=\"l bad\">" + esc(m.problem()) + "</td>").append("</tr>\n");
    }
    b.append("</table>\n");
  }

  /**
   * The concurrency levels: per request workload, throughput against the offered rate (a line per
   * model); the mixed workload's latency distribution at each rate; and the table.
   */
  private static void levels(StringBuilder b, List<LevelResult> levels) {
    if (levels.isEmpty()) {
      return;
    }
    b.append("<h2>Concurrency levels</h2>\n<p>Requests offered open loop at each rate, once per"
        + " model after the measured rounds. Throughput: every request over the time from the"
        + " first arrival to the last end; it falls below the offered rate where the model cannot"
        + " keep up. Latency from each request's scheduled arrival.</p>\n");
    Map<String, List<LevelResult>> byWorkload = new LinkedHashMap<>();
    for (LevelResult l : levels) {
      byWorkload.computeIfAbsent(l.workload(), w -> new ArrayList<>()).add(l);
    }
    for (var e : byWorkload.entrySet()) {
      b.append("<h3>").append(esc(e.getKey())).append(": completed requests/s against offered"
          + " requests/s</h3>\n").append(throughput(e.getValue()));
    }
    List<LevelResult> mixed = byWorkload.getOrDefault("mixed", List.of());
    for (int rate : mixed.stream().map(LevelResult::rate).distinct().sorted().toList()) {
      List<LevelResult> at = mixed.stream()
          .filter(l -> l.rate() == rate && !l.latencies().isEmpty()).toList();
      if (!at.isEmpty()) {
        b.append("<h3>mixed at ").append(rate)
            .append(" requests/s: latency distribution (log scale)</h3>\n")
            .append(cdf(at.stream().map(LevelResult::model).toList(),
                at.stream().map(LevelResult::latencies).toList()));
      }
    }
    b.append("<table><tr><th>model</th><th>workload</th><th>offered/s</th><th>requests</th>")
        .append("<th>completed/s</th><th>p50 ms</th><th>p99 ms</th><th>max ms</th>")
        .append("<th>check</th></tr>\n");
    for (LevelResult l : levels) {
      List<Duration> lat = l.latencies();
      boolean timed = !lat.isEmpty();
      b.append("<tr><td>").append(esc(l.model())).append("</td><td class=\"l\">")
          .append(esc(l.workload())).append("</td><td>").append(l.rate()).append("</td><td>")
          .append(l.requests()).append("</td><td>")
          .append(timed ? String.format(Locale.ROOT, "%.0f", l.throughput()) : "-")
          .append("</td><td>").append(timed ? num(Shootout.percentile(lat, 0.50)) : "-")
          .append("</td><td>").append(timed ? num(Shootout.percentile(lat, 0.99)) : "-")
          .append("</td><td>").append(timed ? num(lat.get(lat.size() - 1)) : "-").append("</td>")
          .append(l.ok() ? "<td class=\"l\">ok</td>"
              : "<td class=\"l bad\">" + esc(l.problem()) + "</td>").append("</tr>\n");
    }
    b.append("</table>\n");
  }

  /**
   * Completed against offered requests per second, a line per model, the offered rates evenly
   * spaced on the x axis (they are few, and usually a geometric series), a dashed diagonal where
   * completed equals offered.
   */
  private static String throughput(List<LevelResult> levels) {
    int width = 560;
    int height = 280;
    int left = 60;
    int bottom = 30;
    List<Integer> rates = levels.stream().map(LevelResult::rate).distinct().sorted().toList();
    double max = Math.max(rates.get(rates.size() - 1),
        levels.stream().mapToDouble(LevelResult::throughput).max().orElse(1));
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"throughput\" width=\"").append(left + width + 160)
        .append("\" height=\"").append(height + bottom + 10).append("\">\n");
    axes(b, left, width, height);
    java.util.function.IntToDoubleFunction x = i -> rates.size() == 1 ? left + width / 2.0
        : left + 20 + (width - 40) * i / (double) (rates.size() - 1);
    StringBuilder diagonal = new StringBuilder();
    for (int i = 0; i < rates.size(); i++) {
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
          + "text-anchor=\"middle\">%d/s</text>", x.applyAsDouble(i), height + 16, rates.get(i)));
      diagonal.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(i),
          height - height * rates.get(i) / max));
    }
    for (int t = 0; t <= 4; t++) {
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" "
          + "text-anchor=\"end\">%.0f</text>%n", left - 4,
          Math.max(11, height - height * t / 4.0 + 4),
          max * t / 4));
    }
    b.append("<polyline fill=\"none\" stroke=\"#999\" stroke-dasharray=\"4 3\" points=\"")
        .append(diagonal.toString().trim()).append("\"><title>completed = offered</title>")
        .append("</polyline>\n");
    List<String> models = levels.stream().map(LevelResult::model).distinct().toList();
    for (int m = 0; m < models.size(); m++) {
      String model = models.get(m);
      String colour = colour(model);
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < rates.size(); i++) {
        int rate = rates.get(i);
        for (LevelResult l : levels) {
          if (l.model().equals(model) && l.rate() == rate && l.ok()) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(i),
                height - height * l.throughput() / max));
          }
        }
      }
      b.append(line(colour, Reference.original(model), points));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
          + "fill=\"%s\">%s</text>%n", left + width + 10, 14 + 16 * m, colour, esc(model)));
    }
    return b.append("</svg>\n").toString();
  }

  /**
   * A series' line; an original runtime's is dashed, so that it reads as the yardstick beside
   * the models' (its colour, and its name in the legend, say which one).
   */
  private static String line(String colour, boolean original, CharSequence points) {
    return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\""
        + (original ? " stroke-dasharray=\"7 3\" class=\"original\"" : "") + " points=\""
        + points.toString().trim() + "\"/>\n";
  }

  private static void axes(StringBuilder b, int left, int width, int height) {
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#000\"/>", left, height, left + width, height));
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#000\"/>%n", left, left, height));
  }



  /**
   * The fraction of requests at or under each latency, one line per series: {@code labels} and
   * their sorted, non-empty {@code latencies}, in step. The latency axis is logarithmic, from the
   * power of ten at or below the fastest request to the one at or above the slowest: the models'
   * 10 ms requests and a backlog of seconds (a GIL's, CPython's spikes) both stay readable.
   */
  private static String cdf(List<String> labels, List<List<Duration>> latencies) {
    int width = 640;
    int height = 300;
    int left = 50;
    int bottom = 30;
    double fastest = Double.MAX_VALUE;
    double slowest = 0;
    for (List<Duration> l : latencies) {
      for (Duration d : l) {
        double ms = d.toNanos() / 1e6;
        if (ms > 0) {
          fastest = Math.min(fastest, ms);
        }
        slowest = Math.max(slowest, ms);
      }
    }
    // Decades of milliseconds, at least one; a latency of 0 (a virtual clock's) sits at the left.
    int from = fastest == Double.MAX_VALUE ? -3
        : Math.max(-3, (int) Math.floor(Math.log10(fastest)));
    int to = Math.max(from + 1, slowest <= 0 ? from + 1 : (int) Math.ceil(Math.log10(slowest)));
    java.util.function.DoubleUnaryOperator x = ms -> left + width
        * (Math.log10(Math.max(ms, Math.pow(10, from))) - from) / (to - from);
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"cdf\" width=\"")
        .append(left + width + 160).append("\" height=\"").append(height + bottom + 10)
        .append("\">\n");
    axes(b, left, width, height);
    for (int e = from; e <= to; e++) {
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
          + "text-anchor=\"middle\">%s ms</text>", x.applyAsDouble(Math.pow(10, e)), height + 16,
          decade(e)));
    }
    for (int t = 0; t <= 4; t++) {
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" "
          + "text-anchor=\"end\">%d%%</text>%n", left - 4,
          Math.max(11, height - height * t / 4.0 + 4),
          25 * t));
    }
    for (int i = 0; i < latencies.size(); i++) {
      List<Duration> l = latencies.get(i);
      StringBuilder points = new StringBuilder();
      for (int k = 0; k < l.size(); k++) {
        double y = height - height * (k + 1.0) / l.size();
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
            x.applyAsDouble(l.get(k).toNanos() / 1e6), y));
      }
      String colour = colour(labels.get(i));
      b.append(line(colour, Reference.original(labels.get(i)), points));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
          + "fill=\"%s\">%s</text>%n", left + width + 10, 14 + 16 * i, colour,
          esc(labels.get(i))));
    }
    return b.append("</svg>\n").toString();
  }

  /** 10 to the {@code exponent}, written out: 0.01, 1, 1000. */
  private static String decade(int exponent) {
    return exponent >= 0 ? "1" + "0".repeat(exponent)
        : "0." + "0".repeat(-exponent - 1) + "1";
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
