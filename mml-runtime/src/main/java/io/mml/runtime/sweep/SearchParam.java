package io.mml.runtime.sweep;

import java.util.List;

/**
 * One searched key of a {@code search_space}.
 *
 * @param key the config key path (or group) a trial overrides, e.g. {@code optimizer.lr}
 * @param type how values are drawn
 * @param low the smallest value (numeric types)
 * @param high the largest value (numeric types)
 * @param choices the values of a {@code choice}
 */
public record SearchParam(String key, Type type, double low, double high, List<String> choices) {
  /** How a parameter's values are drawn. */
  public enum Type {
    /** Uniform on [low, high]. */
    INTERVAL,
    /** Log-uniform on [low, high] (low &gt; 0), e.g. learning rates. */
    LOG_INTERVAL,
    /** An integer in [low, high]. */
    INT,
    /** One of {@code choices}. */
    CHOICE
  }

  public SearchParam {
    choices = List.copyOf(choices);
  }

  /**
   * The position of a value in [0, 1] (log scale for {@link Type#LOG_INTERVAL}); for a choice the
   * index over the count.
   */
  double toUnit(String value) {
    return switch (type) {
      case CHOICE -> choices.indexOf(value);
      case LOG_INTERVAL -> (Math.log(Double.parseDouble(value)) - Math.log(low)) / (Math.log(high) - Math.log(low));
      default -> (Double.parseDouble(value) - low) / (high - low);
    };
  }

  /** The override value at unit position {@code u} in [0, 1] (numeric types). */
  String fromUnit(double u) {
    double x = Math.max(0, Math.min(1, u));
    return switch (type) {
      case INTERVAL -> format(low + x * (high - low));
      case LOG_INTERVAL -> format(Math.exp(Math.log(low) + x * (Math.log(high) - Math.log(low))));
      case INT -> Long.toString(Math.round(low + x * (high - low)));
      case CHOICE -> throw new IllegalStateException("a choice has no unit scale");
    };
  }

  /** Every value of a grid over this parameter (choices, or every integer); intervals have none. */
  List<String> gridValues() {
    return switch (type) {
      case CHOICE -> choices;
      case INT -> java.util.stream.LongStream.rangeClosed((long) low, (long) high).mapToObj(Long::toString).toList();
      default -> List.of();
    };
  }

  /** Six significant digits in plain notation (YAML reads {@code 0.001} as a number; {@code 1E-3} it may not). */
  static String format(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
