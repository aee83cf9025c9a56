package io.mml.processor.option;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** Every {@code -Amml.*} option of the processor: the single source of truth for option names. */
public enum MmlOption {
  /**
   * Where the generated main class goes: {@code none} for no main class, or a fully qualified class
   * name. Default: {@code <package of the alphabetically first @Mode class>.MmlMain}.
   */
  MAIN("mml.main", "none or a qualified class name such as com.acme.Main") {
    @Override
    boolean isValid(String value) {
      return value.equals("none") || SourceVersion.isName(value);
    }
  },
  /** {@code true} prints a NOTE for every generated file. Default: {@code false}. */
  VERBOSE("mml.verbose", "true, false") {
    @Override
    boolean isValid(String value) {
      String v = value.toLowerCase(Locale.ROOT);
      return v.equals("true") || v.equals("false");
    }
  };

  private final String key;
  private final String validValues;

  MmlOption(String key, String validValues) {
    this.key = key;
    this.validValues = validValues;
  }

  /** The option name as given after {@code -A}. */
  public String key() {
    return key;
  }

  /** The accepted values, for error messages. */
  public String validValues() {
    return validValues;
  }

  abstract boolean isValid(String value);

  /** All option names, for {@code getSupportedOptions()}. */
  public static Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    Arrays.stream(values()).forEach(o -> keys.add(o.key));
    return keys;
  }
}
