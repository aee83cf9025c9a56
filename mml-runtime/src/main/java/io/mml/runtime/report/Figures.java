package io.mml.runtime.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Helpers of the sections that show files other features wrote (calibration, ensembles, sweeps, distance maps):
 * a PNG inline as a data URI, a CSV as a sortable table, and the newest of a numbered file family
 * ({@code name_NNNN.ext}).
 */
final class Figures {
  /** A PNG larger than this is linked by path instead of inlined. */
  static final long MAX_INLINE_BYTES = 4L << 20;
  private static final Pattern NUMBER = Pattern.compile("_(\\d+)\\.[^.]+$");

  private Figures() {}

  /** Writes {@code png} as an inline image (a data URI) in a figure with its caption; nothing when it does not exist. */
  static boolean png(Html out, Path png, String caption) throws IOException {
    if (png == null || !Files.isRegularFile(png)) {
      return false;
    }
    out.open("figure", "class", "plot");
    if (Files.size(png) > MAX_INLINE_BYTES) {
      out.el("p", "Image too large to inline: " + png, "class", "muted");
    } else {
      out.empty("img", "src", "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png)),
          "alt", caption, "style", "max-width:100%");
    }
    out.el("figcaption", caption).close("figure");
    return true;
  }

  /**
   * Writes a CSV as a sortable table: numeric cells right-aligned with 4 decimals (the exact value in {@code data-v}),
   * other cells as text.
   */
  static void table(Html out, CsvTable t, String id) {
    out.open("table", "class", "sortable", "id", id).open("thead").open("tr");
    t.header().forEach(h -> out.el("th", h));
    out.close("tr").close("thead").open("tbody");
    for (List<String> row : t.rows()) {
      out.open("tr");
      for (int i = 0; i < t.header().size(); i++) {
        cell(out, i < row.size() ? row.get(i) : "", t.header().get(i));
      }
      out.close("tr");
    }
    out.close("tbody").close("table");
  }

  /** One cell: a number formatted (integers as they are), anything else as text. */
  static void cell(Html out, String v, String column) {
    Double d = number(v);
    if (d == null) {
      out.el("td", v);
    } else {
      boolean integer = v.matches("-?\\d+");
      out.el("td", integer ? v : Numbers.metric(d), "class", "num", "data-v", v, "data-metric", column);
    }
  }

  /** The value of a numeric cell, or null. */
  static Double number(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The newest regular file in {@code dir} whose name starts with {@code prefix} and ends with {@code suffix}: the
   * highest {@code _NNNN} number, then the latest name.
   */
  static Optional<Path> newest(Path dir, String prefix, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(prefix) && n.endsWith(suffix);
      }).max(java.util.Comparator.comparingLong(Figures::numberOf).thenComparing(p -> p.getFileName().toString()));
    }
  }

  private static long numberOf(Path p) {
    Matcher m = NUMBER.matcher(p.getFileName().toString());
    if (m.find()) {
      try {
        return Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  /** The sub-folders of {@code dir}, sorted by name (none when it does not exist). */
  static List<Path> folders(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }
}
