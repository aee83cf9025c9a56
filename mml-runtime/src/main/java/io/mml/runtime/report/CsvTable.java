package io.mml.runtime.report;

import io.mml.runtime.files.CsvLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV file read whole (test metrics, predictions): its header and rows of fields.
 *
 * @param file where it was read from
 * @param header the column names
 * @param rows the data rows (each as long as the header; shorter rows are padded with "")
 */
public record CsvTable(Path file, List<String> header, List<List<String>> rows) {
  public CsvTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  /** Reads a CSV file; a broken line is an error naming the file and line. */
  public static CsvTable read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return new CsvTable(file, List.of(), List.of());
    }
    List<String> header = parse(file, lines.get(0), 1);
    List<List<String>> rows = new ArrayList<>(lines.size() - 1);
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> f = new ArrayList<>(parse(file, lines.get(i), i + 1));
      while (f.size() < header.size()) {
        f.add("");
      }
      rows.add(List.copyOf(f));
    }
    return new CsvTable(file, header, rows);
  }

  /** The index of a column, or -1. */
  public int column(String name) {
    return header.indexOf(name);
  }

  private static List<String> parse(Path file, String line, int number) throws IOException {
    try {
      return CsvLine.split(line, ',');
    } catch (IllegalArgumentException e) {
      throw new IOException("CSV file " + file + " line " + number + ": " + e.getMessage(), e);
    }
  }
}
