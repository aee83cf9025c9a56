package io.mml.processor.model;

import java.util.List;

/**
 * A class named by its package and its simple names from the outermost class inwards, so writers
 * can refer to user types without seeing {@code TypeMirror}s.
 *
 * @param packageName the package ({@code ""} for the unnamed package)
 * @param simpleNames the simple names, outermost first
 */
public record TypeRef(String packageName, List<String> simpleNames) {
  public TypeRef {
    simpleNames = List.copyOf(simpleNames);
    if (simpleNames.isEmpty()) {
      throw new IllegalArgumentException("a type needs a simple name");
    }
  }

  /** A top-level or nested type. */
  public static TypeRef of(String packageName, String... simpleNames) {
    return new TypeRef(packageName, List.of(simpleNames));
  }

  /** The canonical name ({@code io.mml.samples.Outer.Inner}). */
  public String canonicalName() {
    String nested = String.join(".", simpleNames);
    return packageName.isEmpty() ? nested : packageName + "." + nested;
  }

  /** The simple names joined by dots, as written in the same package ({@code Outer.Inner}). */
  public String nestedName() {
    return String.join(".", simpleNames);
  }

  /** The simple names joined by underscores ({@code Outer_Inner}), for sibling class names. */
  public String flatName() {
    return String.join("_", simpleNames);
  }
}
