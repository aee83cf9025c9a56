package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.TaskException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What an importer sees: the source, the options ({@code mode.*}) and the staging folder it copies files into. */
public final class ImportContext {
  private final String task;
  private final String dataset;
  private final String type;
  private final Path source;
  private final Map<String, Object> options;
  private final Path staging;

  ImportContext(String task, String dataset, String type, Path source, Map<String, Object> options, Path staging) {
    this.task = task;
    this.dataset = dataset;
    this.type = type;
    this.source = source;
    this.options = Map.copyOf(options);
    this.staging = staging;
  }

  /** The task being created. */
  public String task() {
    return task;
  }

  /** Its dataset. */
  public String dataset() {
    return dataset;
  }

  /** The task type asked for ({@code mode.type}), or null to infer it. */
  public String type() {
    return type;
  }

  /** The source folder or file ({@code mode.source}, an archive already extracted), or null when none was given. */
  public Path source() {
    return source;
  }

  /** The source; an error naming {@code mode.source} when it was not given. */
  public Path requireSource() {
    if (source == null) {
      throw new TaskException("Importer needs mode.source=<folder or file>");
    }
    return source;
  }

  /** An option as text ({@code mode.<key>}), or null when unset. */
  public String option(String key) {
    Object v = options.get(key);
    return v == null ? null : v.toString();
  }

  /** An option as a list of texts (empty when unset). */
  public List<String> optionList(String key) {
    Object v = options.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    } else if (v != null && !v.toString().isBlank()) {
      out.add(v.toString());
    }
    return out;
  }

  /** A path option, relative ones resolved against the source folder (or the working directory); null when unset. */
  public Path pathOption(String key) {
    String v = option(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    Path p = Path.of(v);
    if (!p.isAbsolute() && source != null && Files.isDirectory(source)) {
      p = source.resolve(p);
    }
    return p.toAbsolutePath().normalize();
  }

  /** The staging root (becomes the dataset folder); files go below {@code <staging>/<task>/}. */
  public Path staging() {
    return staging;
  }

  /**
   * Copies a source file to {@code <staging>/<task>/<relative>} and returns the copy; an error
   * naming the file when it cannot be read.
   */
  public Path copy(Path from, String relative) {
    Path target = staging.resolve(task).resolve(relative).normalize();
    if (!target.startsWith(staging.resolve(task))) {
      throw new TaskException("Cannot import " + from + ": target '" + relative + "' escapes the dataset folder");
    }
    try {
      Files.createDirectories(target.getParent());
      if (!Files.exists(target)) {
        Files.copy(from, target);
      }
      return target;
    } catch (NoSuchFileException e) {
      throw new TaskException("File " + from + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new TaskException("File " + from + " is not readable (permission denied)", e);
    } catch (IOException e) {
      throw new TaskException("Cannot read file " + from + ": " + e, e);
    }
  }
}
