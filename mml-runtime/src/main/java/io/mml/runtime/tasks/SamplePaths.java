package io.mml.runtime.tasks;

import java.nio.file.Path;

/**
 * The rule for the file paths of samples (image, mask): a plain path relative to the dataset folder
 * that never leaves it. Checked when a description is read or written and whenever a path recorded
 * relative to a folder is resolved.
 */
final class SamplePaths {
  private SamplePaths() {}

  /** Why {@code path} is not a plain path inside the dataset folder, or null when it is. */
  static String problem(String path) {
    if (path.isEmpty()) {
      return "is empty";
    }
    String u = path.replace('\\', '/');
    boolean drive = u.length() >= 2 && u.charAt(1) == ':' && Character.isLetter(u.charAt(0));
    if (u.startsWith("/") || drive || Path.of(path).isAbsolute()) {
      return "is absolute; sample paths must be relative to the dataset folder";
    }
    if (u.equals("..") || u.startsWith("../") || u.endsWith("/..") || u.contains("/../")) {
      return "escapes the dataset folder ('..'); sample paths must stay inside it";
    }
    return null;
  }
}
