package io.mml.runtime.report;

import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigException;

/** The report's switch in the composed config: the top-level key {@code report} (every mode has it; default true). */
public final class ReportOptions {
  /** The config key. */
  public static final String KEY = "report";

  private ReportOptions() {}

  /** Whether a run writes {@code report.html} when it ends; a value that is not a boolean is an error naming the key. */
  public static boolean enabled(Config config) {
    if (!config.has(KEY) || config.node(KEY).orElseThrow().isNull()) {
      return true;
    }
    var n = config.node(KEY).orElseThrow();
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    String s = n.asText();
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new ConfigException(KEY, "Config key 'report' must be true or false; found '" + s + "'. Use report=false to"
        + " skip the HTML report at the end of a run, report=true to write it.");
  }
}
