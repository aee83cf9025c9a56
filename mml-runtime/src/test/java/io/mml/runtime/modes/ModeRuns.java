package io.mml.runtime.modes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Helpers for tests that run modes through the CLI in a temporary data and results tree. */
final class ModeRuns {
  private ModeRuns() {}

  /** The command line with data_dir and out_dir under {@code tmp}. */
  static String[] args(Path tmp, String... extra) {
    List<String> all = new ArrayList<>(List.of(extra));
    all.add("data_dir=" + tmp.resolve("data"));
    all.add("out_dir=" + tmp.resolve("results"));
    return all.toArray(String[]::new);
  }

  /** Every file under {@code dir} whose name ends with {@code suffix}, sorted (none when it is absent). */
  static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
