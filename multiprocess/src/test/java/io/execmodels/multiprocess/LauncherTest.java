package io.execmodels.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data sharing cache does not grow without bound. */
class LauncherTest {

  @Test
  void pruningKeepsTheEightNewestArchivesAndNothingElseIsTouched(@TempDir Path dir)
      throws Exception {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 11; i++) {
      Path a = Files.writeString(dir.resolve(String.format("child-%04x.jsa", i)), "x");
      Files.setLastModifiedTime(a, FileTime.from(base.plusSeconds(i)));
    }
    Path other = Files.writeString(dir.resolve("notes.txt"), "kept");
    Files.setLastModifiedTime(other, FileTime.from(base));

    Launcher.pruneArchives(dir);

    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
          "child-0003.jsa", "child-0004.jsa", "child-0005.jsa", "child-0006.jsa",
          "child-0007.jsa", "child-0008.jsa", "child-0009.jsa", "child-000a.jsa", "notes.txt");
    }
  }
}
