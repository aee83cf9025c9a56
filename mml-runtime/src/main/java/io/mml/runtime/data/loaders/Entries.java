package io.mml.runtime.data.loaders;

import java.nio.file.Path;
import java.util.List;

/** Helpers shared by the loaders: resolving paths and converting description entries. */
final class Entries {
  private Entries() {}

  static Path resolve(Path datasetDir, Object entry, String modality) {
    if (entry instanceof Path p) {
      return p.isAbsolute() ? p : datasetDir.resolve(p).normalize();
    }
    if (!(entry instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException("A " + modality + " entry must be a file path relative to the dataset folder "
          + datasetDir + "; found " + describe(entry) + ".");
    }
    Path p = Path.of(s.replace('\\', '/'));
    return p.isAbsolute() ? p : datasetDir.resolve(p).normalize();
  }

  static String describe(Object entry) {
    return entry == null ? "null" : entry instanceof String s ? "'" + s + "'" : entry + " (" + entry.getClass()
        .getSimpleName() + ")";
  }

  static int toInt(Object entry, String modality) {
    if (entry instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d)) {
        return (int) d;
      }
    } else if (entry instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new IllegalArgumentException("A " + modality + " entry must be an integer class index; found "
        + describe(entry) + ".");
  }

  static float toFloat(Object entry, String modality) {
    if (entry instanceof Number n) {
      return n.floatValue();
    }
    if (entry instanceof String s) {
      try {
        return Float.parseFloat(s.trim());
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new IllegalArgumentException("A " + modality + " entry must be a number; found " + describe(entry) + ".");
  }

  static List<?> toList(Object entry, String modality) {
    if (entry instanceof List<?> l) {
      return l;
    }
    if (entry instanceof int[] a) {
      return java.util.Arrays.stream(a).boxed().toList();
    }
    throw new IllegalArgumentException("A " + modality + " entry must be a list; found " + describe(entry) + ".");
  }
}
