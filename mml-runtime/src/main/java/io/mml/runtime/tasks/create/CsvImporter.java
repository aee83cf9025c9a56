package io.mml.runtime.tasks.create;

import io.mml.runtime.files.CsvLine;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.verify.SamplePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code csv}: a CSV file with a header row naming at least {@code path} and {@code label}
 * (optional {@code split} = train|test|unlabelled, optional {@code id}); paths relative to the CSV's
 * folder. {@code mode.type}: classification (default; label = class name), multilabel_classification
 * (labels separated by ';' or '|'), regression (label = number) or no_task (no label column).
 * {@code mode.source} is the CSV file, or a folder (an extracted archive) holding exactly one
 * ({@code mode.csv} names it otherwise). {@code mode.delimiter} changes the separator.
 */
public final class CsvImporter implements TaskCreatorProvider {
  private static final List<String> PATH_COLS = List.of("path", "image", "file");
  private static final List<String> LABEL_COLS = List.of("label", "labels", "class", "value", "target");

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public String description() {
    return "a CSV of path,label[,split] (classification, multilabel_classification, regression)";
  }

  @Override
  public ImportedTask read(ImportContext ctx) throws IOException {
    Path csv = csvFile(ctx);
    String type = ctx.type() == null ? "classification" : ctx.type();
    List<String> types = List.of("classification", "multilabel_classification", "regression", "no_task");
    if (!types.contains(type)) {
      throw new TaskException("Importer 'csv' creates " + types + " tasks, not '" + type + "'");
    }
    String delimiter = ctx.option("delimiter") == null || ctx.option("delimiter").isEmpty() ? ","
        : ctx.option("delimiter");
    if (delimiter.length() != 1) {
      throw new TaskException("mode.delimiter must be one character, got '" + delimiter + "'");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TaskException("Cannot read CSV file " + csv + ": " + e, e);
    }
    if (lines.isEmpty()) {
      throw new TaskException("CSV file " + csv + " is empty; expected a header row such as path,label,split");
    }
    List<String> header = parse(lines.get(0).replace("\uFEFF", ""), delimiter.charAt(0), csv, 1);
    Map<String, Integer> col = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      col.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    Integer pathCol = first(col, PATH_COLS);
    Integer labelCol = first(col, LABEL_COLS);
    Integer splitCol = col.get("split");
    Integer idCol = col.get("id");
    if (pathCol == null) {
      throw new TaskException("CSV file " + csv + ": row 1 (header) " + header + " has no column 'path'");
    }
    boolean labelled = !type.equals("no_task");
    if (labelled && labelCol == null) {
      throw new TaskException("CSV file " + csv + ": row 1 (header) " + header + " has no column 'label'");
    }
    Path base = csv.getParent();
    record Row(int number, String id, Path file, String split, String label) {}
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      int number = i + 1;
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> f = parse(lines.get(i), delimiter.charAt(0), csv, number);
      String path = field(f, pathCol, header, csv, number, true);
      String split = splitCol == null ? "train" : field(f, splitCol, header, csv, number, false);
      split = split.isEmpty() ? "train" : split.toLowerCase(Locale.ROOT);
      if (split.equals("unlabeled")) {
        split = "unlabelled";
      }
      if (!List.of("train", "test", "unlabelled").contains(split)) {
        throw new TaskException("CSV file " + csv + ": row " + number + ": split '" + split + "' must be train, test"
            + " or unlabelled");
      }
      String label = labelled ? field(f, labelCol, header, csv, number, !split.equals("unlabelled")) : "";
      String problem = SamplePaths.problem(path);
      if (problem != null) {
        throw new TaskException("CSV file " + csv + ": row " + number + ": path '" + path + "' " + problem
            .replace("dataset folder", "CSV's folder"));
      }
      Path file = base.resolve(path).normalize();
      if (!Files.isRegularFile(file)) {
        throw new TaskException("CSV file " + csv + ": row " + number + ": file " + file + " does not exist");
      }
      String id = idCol == null ? "" : field(f, idCol, header, csv, number, false);
      if (id.isEmpty()) {
        id = ImageFiles.withoutExtension(path.replace('\\', '/'));
      }
      rows.add(new Row(number, id, file, split, label));
    }
    SortedMap<Integer, String> idxToClass = new TreeMap<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    if (type.equals("classification") || type.equals("multilabel_classification")) {
      TreeSet<String> names = new TreeSet<>();
      for (Row r : rows) {
        if (!r.split().equals("unlabelled")) {
          names.addAll(labels(r.label(), type));
        }
      }
      for (String n : names) {
        index.put(n, index.size());
        idxToClass.put(index.size() - 1, n);
      }
    }
    Map<String, List<Sample>> bySplit = new LinkedHashMap<>();
    for (String s : List.of("train", "test", "unlabelled")) {
      bySplit.put(s, new ArrayList<>());
    }
    for (Row r : rows) {
      String origin = csv + " row " + r.number();
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("image", ctx.copy(r.file(), ImageFiles.rel(base, r.file())));
      if (!r.split().equals("unlabelled")) {
        switch (type) {
          case "classification" -> e.put("class", index.get(r.label().strip()));
          case "multilabel_classification" -> {
            List<Integer> idx = new ArrayList<>();
            for (String l : labels(r.label(), type)) {
              idx.add(index.get(l));
            }
            e.put("classes", idx.stream().sorted().toList());
          }
          case "regression" -> {
            try {
              double v = Double.parseDouble(r.label().strip());
              if (!Double.isFinite(v)) {
                throw new NumberFormatException();
              }
              e.put("value", v);
            } catch (NumberFormatException nfe) {
              throw new TaskException("CSV file " + csv + ": row " + r.number() + ": label '" + r.label()
                  + "' is not a finite number (mode.type=regression)");
            }
          }
          default -> { }
        }
      }
      bySplit.get(labelled ? r.split() : "unlabelled").add(new Sample(r.id(), e, origin));
    }
    return new ImportedTask(type, idxToClass, bySplit.get("train"), bySplit.get("test"), bySplit.get("unlabelled"),
        "Imported from the CSV file " + csv);
  }

  private static List<String> labels(String label, String type) {
    String l = label.strip();
    if (!type.equals("multilabel_classification")) {
      return List.of(l);
    }
    List<String> out = new ArrayList<>();
    for (String p : l.split("[;|]")) {
      if (!p.isBlank()) {
        out.add(p.strip());
      }
    }
    return out;
  }

  private static Integer first(Map<String, Integer> col, List<String> names) {
    for (String n : names) {
      if (col.containsKey(n)) {
        return col.get(n);
      }
    }
    return null;
  }

  private static String field(List<String> f, int i, List<String> header, Path csv, int row, boolean required) {
    String v = i < f.size() ? f.get(i).strip() : required ? null : "";
    if (v == null || (required && v.isEmpty())) {
      throw new TaskException("CSV file " + csv + ": row " + row + ": missing field '" + header.get(i).strip() + "'");
    }
    return v;
  }

  private static Path csvFile(ImportContext ctx) throws IOException {
    Path src = ctx.requireSource();
    if (Files.isRegularFile(src)) {
      return src.toAbsolutePath().normalize();
    }
    if (!Files.isDirectory(src)) {
      throw new TaskException("Importer 'csv': source " + src + " does not exist");
    }
    String named = ctx.option("csv");
    if (named != null && !named.isBlank()) {
      Path p = src.resolve(named).normalize();
      if (!Files.isRegularFile(p)) {
        throw new TaskException("Importer 'csv': mode.csv=" + named + " is not a file in " + src);
      }
      return p;
    }
    List<Path> csvs;
    try (Stream<Path> s = Files.walk(src, 2)) {
      csvs = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).sorted().toList();
    }
    if (csvs.size() != 1) {
      throw new TaskException("Importer 'csv': " + src + " holds " + csvs.size() + " CSV files " + csvs
          + "; name one with mode.csv=<file>");
    }
    return csvs.get(0);
  }

  /** Splits one line; double quotes enclose fields, "" is a quote. */
  static List<String> parse(String line, char delimiter, Path csv, int row) {
    try {
      return CsvLine.split(line, delimiter);
    } catch (IllegalArgumentException e) {
      throw new TaskException("CSV file " + csv + ": row " + row + ": unterminated quote");
    }
  }

}
