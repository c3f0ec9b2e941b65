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
 * Writes a shootout's measurements where it was asked to: {@code results.csv} and {@code
 * results.json} (one record per model and service, every run's figures), and {@code report.html},
 * self-contained (no script, no external file): the tables, a bar chart of each service's median
 * time per model, and the mixed handler's latency distribution per model, as inline SVG.
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
  static Path write(Path dir, Header header, Map<String, Duration> startUp, List<Result> results,
      List<Verdicts.Verdict> verdicts) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.csv"), csv(results), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("results.json"), json(header, startUp, results),
        StandardCharsets.UTF_8);
    Path html = dir.resolve("report.html");
    Files.writeString(html, html(header, startUp, results, verdicts), StandardCharsets.UTF_8);
    return html;
  }

  // ---------------------------------------------------------------------------------------------
  // CSV and JSON: every run, so that other tools can redo the statistics.

  static String csv(List<Result> results) {
    StringBuilder b = new StringBuilder(
        "model,service,run,result,wall_ms,cpu_ms,requests,p50_ms,p99_ms,problem\n");
    for (Result r : results) {
      String service = r.service() == null ? "" : r.service().name();
      if (!r.timed()) {
        b.append(csvField(r.model())).append(',').append(csvField(service))
            .append(",,,,,,,,").append(csvField(r.problem() == null ? "" : r.problem()))
            .append('\n');
        continue;
      }
      for (int i = 0; i < r.runs().size(); i++) {
        Measured m = r.runs().get(i);
        List<Duration> lat = m.latencies().stream().sorted().toList();
        b.append(csvField(r.model())).append(',').append(csvField(service)).append(',')
            .append(i + 1).append(',').append(m.result()).append(',')
            .append(num(m.wall())).append(',').append(num(r.cpus().get(i))).append(',')
            .append(lat.isEmpty() ? "" : lat.size()).append(',')
            .append(lat.isEmpty() ? "" : num(Shootout.percentile(lat, 0.50))).append(',')
            .append(lat.isEmpty() ? "" : num(Shootout.percentile(lat, 0.99))).append(',')
            .append(csvField(r.problem() == null ? "" : r.problem())).append('\n');
      }
    }
    return b.toString();
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  static String json(Header header, Map<String, Duration> startUp, List<Result> results) {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"title\": ").append(str(header.title())).append(",\n");
    b.append("  \"machine\": ").append(str(header.machine())).append(",\n");
    b.append("  \"plan\": ").append(str(header.plan())).append(",\n");
    b.append("  \"startUpMs\": {");
    List<String> su = new ArrayList<>();
    startUp.forEach((m, d) -> su.add(str(m) + ": " + num(d)));
    b.append(String.join(", ", su)).append("},\n");
    b.append("  \"results\": [\n");
    for (int i = 0; i < results.size(); i++) {
      Result r = results.get(i);
      b.append("    {\"model\": ").append(str(r.model()))
          .append(", \"service\": ").append(r.service() == null ? "null" : str(r.service().name()))
          .append(", \"problem\": ").append(r.problem() == null ? "null" : str(r.problem()))
          .append(", \"wallMs\": ").append(list(r.runs().stream().map(Measured::wall).toList()))
          .append(", \"cpuMs\": ").append(list(r.cpus()))
          .append(", \"latencyMs\": ").append(list(r.latencies()))
          .append('}').append(i + 1 < results.size() ? ",\n" : "\n");
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

  private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

  static String html(Header header, Map<String, Duration> startUp, List<Result> results,
      List<Verdicts.Verdict> verdicts) {
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

    b.append("<h2>What each model is good for, from this run</h2>\n<table><tr><th>model</th>")
        .append("<th>good for I/O?</th><th>good for CPU?</th><th>a CPU spike hurts I/O?</th>")
        .append("<th>scales by</th><th>isolation</th></tr>\n");
    for (Verdicts.Verdict v : verdicts) {
      b.append("<tr><td>").append(esc(v.model())).append("</td><td class=\"l\">")
          .append(esc(v.io())).append("</td><td class=\"l\">").append(esc(v.cpu()))
          .append("</td><td class=\"l\">").append(esc(v.spike())).append("</td><td class=\"l\">")
          .append(esc(v.scales())).append("</td><td class=\"l\">").append(esc(v.isolation()))
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
      b.append("<h2>Latency of the mixed handler's requests (distribution)</h2>\n")
          .append(cdf(mixed));
    }

    b.append("<h2>Every figure</h2>\n<table><tr><th>model</th><th>service</th><th>min ms</th>")
        .append("<th>median ms</th><th>max ms</th><th>CPU ms (median)</th><th>cores</th>")
        .append("<th>check</th></tr>\n");
    for (Result r : results) {
      b.append("<tr><td>").append(esc(r.model())).append("</td><td class=\"l\">")
          .append(r.service() == null ? "-" : esc(r.service().name())).append("</td>");
      if (r.timed()) {
        List<Duration> w = r.walls();
        b.append("<td>").append(num(w.get(0))).append("</td><td>").append(num(r.medianWall()))
            .append("</td><td>").append(num(w.get(w.size() - 1))).append("</td><td>")
            .append(num(r.medianCpu())).append("</td><td>")
            .append(String.format(Locale.ROOT, "%.2f", r.cores())).append("</td>");
      } else {
        b.append("<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>");
      }
      b.append(r.ok() ? "<td class=\"l\">ok</td>"
          : "<td class=\"l bad\">" + esc(r.problem()) + "</td>").append("</tr>\n");
    }
    b.append("</table>\n<h2>Start-up, once per model</h2>\n<table><tr><th>model</th>")
        .append("<th>ms</th></tr>\n");
    startUp.forEach((m, d) -> b.append("<tr><td>").append(esc(m)).append("</td><td>")
        .append(num(d)).append("</td></tr>\n"));
    b.append("</table>\n<p>Raw figures: results.csv, results.json (beside this file).</p>\n")
        .append("</body></html>\n");
    return b.toString();
  }

  /** Horizontal bars, one per model, of the median wall time; the axis starts at 0. */
  private static String bars(List<Result> rows) {
    int barHeight = 18;
    int labelWidth = 130;
    int width = 640;
    double max = rows.stream().mapToDouble(r -> r.medianWall().toNanos()).max().orElse(1);
    StringBuilder b = new StringBuilder();
    int height = rows.size() * (barHeight + 4) + 4;
    b.append("<svg class=\"bars\" width=\"")
        .append(labelWidth + width + 90).append("\" height=\"").append(height).append("\">\n");
    for (int i = 0; i < rows.size(); i++) {
      Result r = rows.get(i);
      double w = width * r.medianWall().toNanos() / max;
      int y = 4 + i * (barHeight + 4);
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
          + "text-anchor=\"end\">%s</text>", labelWidth - 6, y + 13, esc(r.model())));
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
          + "fill=\"%s\"><title>%s %s ms</title></rect>", labelWidth, y, Math.max(1, w),
          barHeight, COLOURS[i % COLOURS.length], esc(r.model()), num(r.medianWall())));
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s ms"
          + "</text>%n", labelWidth + Math.max(1, w) + 4, y + 13, num(r.medianWall())));
    }
    return b.append("</svg>\n").toString();
  }

  /** The fraction of requests at or under each latency, one line per model. */
  private static String cdf(List<Result> rows) {
    int width = 640;
    int height = 300;
    int left = 50;
    int bottom = 30;
    double max = 0;
    for (Result r : rows) {
      List<Duration> l = r.latencies();
      max = Math.max(max, l.get(l.size() - 1).toNanos() / 1e6);
    }
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"cdf\" width=\"")
        .append(left + width + 160).append("\" height=\"").append(height + bottom + 10)
        .append("\">\n");
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#000\"/>", left, height, left + width, height));
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#000\"/>%n", left, left, height));
    for (int t = 0; t <= 4; t++) {
      double ms = max * t / 4;
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
          + "text-anchor=\"middle\">%.0f ms</text>", left + width * t / 4.0, height + 16, ms));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" "
          + "text-anchor=\"end\">%d%%</text>%n", left - 4, height - height * t / 4.0 + 4,
          25 * t));
    }
    for (int i = 0; i < rows.size(); i++) {
      List<Duration> l = rows.get(i).latencies();
      StringBuilder points = new StringBuilder();
      for (int k = 0; k < l.size(); k++) {
        double x = left + width * (l.get(k).toNanos() / 1e6) / Math.max(max, 1e-9);
        double y = height - height * (k + 1.0) / l.size();
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      String colour = COLOURS[i % COLOURS.length];
      b.append("<polyline fill=\"none\" stroke=\"").append(colour)
          .append("\" stroke-width=\"1.5\" points=\"").append(points.toString().trim())
          .append("\"/>\n");
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
          + "fill=\"%s\">%s</text>%n", left + width + 10, 14 + 16 * i, colour,
          esc(rows.get(i).model())));
    }
    return b.append("</svg>\n").toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
