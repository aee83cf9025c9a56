package io.mml.runtime.tasks.verify;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Type checks shared by the label verifiers. */
final class Labels {
  private Labels() {}

  /** The integer value of an entry (Integer, Long, Short, Byte, BigInteger in int range), or null. */
  static Integer index(Object entry) {
    if (entry instanceof Integer i) {
      return i;
    }
    if (entry instanceof Long || entry instanceof Short || entry instanceof Byte || entry instanceof BigInteger) {
      long l = ((Number) entry).longValue();
      return l == (int) l ? (int) l : null;
    }
    return null;
  }

  /** The finite double value of a number entry, or null. */
  static Double number(Object entry) {
    if (entry instanceof Number n && !(entry instanceof BigDecimal && ((BigDecimal) entry).scale() > 340)) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    return null;
  }

  static String describe(Object entry) {
    return entry == null ? "null" : entry.getClass().getSimpleName() + " " + entry;
  }
}
