package io.execmodels.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quick start is QuickStart.java's code: what the README shows compiles and works. */
class ReadmeQuickStartTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src", "main", "java", "io", "execmodels", "examples", "QuickStart.java");

  @Test
  void readmeQuickStartIsTheCodeOfQuickStartJava() throws IOException {
    List<String> snippet = code(quickStartBlock(Files.readString(README)));
    List<String> source = code(Files.readString(SOURCE));

    assertThat(snippet).hasSizeGreaterThan(10);
    assertThat(Collections.indexOfSubList(source, snippet))
        .as("the README's quick start, line by line (indentation, blank lines and Javadoc aside),"
            + " must appear in QuickStart.java:%n%s", String.join("\n", snippet))
        .isNotNegative();
  }

  /** The first java block after the "## Quick start" heading. */
  private static String quickStartBlock(String readme) {
    int section = readme.indexOf("\n## Quick start");
    assertThat(section).as("README has a '## Quick start' section").isNotNegative();
    int start = readme.indexOf("```java\n", section);
    assertThat(start).as("the quick start has a java block").isNotNegative();
    start += "```java\n".length();
    return readme.substring(start, readme.indexOf("\n```", start));
  }

  /** The lines of code, trimmed, without blank lines and Javadoc lines. */
  private static List<String> code(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .filter(line -> !line.startsWith("/**") && !line.startsWith("* ") && !line.equals("*")
            && !line.startsWith("*/"))
        .toList();
  }
}
