package io.mml.runtime.files;

import java.nio.file.Path;

/**
 * Converts between absolute paths and the form persisted in task structs, JSON files and the
 * created-paths journal: relative to the results root, with '/' separators. Paths read back are
 * refused when absolute or when they would leave the results root.
 */
final class ResultsRootPaths {
  private final Path root;

  /** @param root the results root, absolute and normalized */
  ResultsRootPaths(Path root) {
    this.root = root;
  }

  /** A path as persisted: relative to the results root when inside it, absolute otherwise. */
  String storable(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(root) ? relativize(abs) : abs.toString();
  }

  /** The path relative to the results root, with '/' separators; an error when it lies outside. */
  String relativize(Path absolute) {
    Path abs = absolute.toAbsolutePath().normalize();
    if (!abs.startsWith(root)) {
      throw new IllegalArgumentException(absolute + " is not inside the results root " + root);
    }
    Path rel = root.relativize(abs);
    StringBuilder sb = new StringBuilder();
    for (Path part : rel) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  /** The absolute path of a path relative to the results root; refuses absolute paths and '..' escapes. */
  Path resolve(String relative) {
    if (relative == null || relative.isEmpty()) {
      throw new IllegalArgumentException("Empty path: expected a path relative to the results root " + root);
    }
    String unified = relative.replace('\\', '/');
    if (unified.startsWith("/") || unified.matches("^[A-Za-z]:.*") || Path.of(relative).isAbsolute()) {
      throw new IllegalArgumentException("Path '" + relative + "' is absolute: expected a path relative to the results root "
          + root);
    }
    for (String segment : unified.split("/")) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("Path '" + relative + "' contains '..': paths relative to the results root "
            + root + " may not leave it");
      }
    }
    Path abs = root.resolve(unified).normalize();
    if (!abs.startsWith(root)) {
      throw new IllegalArgumentException("Path '" + relative + "' escapes the results root " + root);
    }
    return abs;
  }
}
