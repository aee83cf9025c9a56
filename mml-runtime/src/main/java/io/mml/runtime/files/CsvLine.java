package io.mml.runtime.files;

import java.util.ArrayList;
import java.util.List;

/** Splits one line of a CSV file (RFC 4180 quoting: double quotes enclose fields, {@code ""} is a quote). */
public final class CsvLine {
  private CsvLine() {}

  /**
   * The fields of {@code line}.
   *
   * @throws IllegalArgumentException when a quote is not closed on the line (callers name the file and row)
   */
  public static List<String> split(String line, char delimiter) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == delimiter) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote");
    }
    out.add(cur.toString());
    return out;
  }
}
