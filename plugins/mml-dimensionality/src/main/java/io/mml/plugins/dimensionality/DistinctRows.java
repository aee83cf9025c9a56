package io.mml.plugins.dimensionality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes repeated rows: sampling with {@code sample_num} draws a sample more than once, and a
 * point at distance zero from a neighbour has no dimension estimate.
 */
public final class DistinctRows {
  private DistinctRows() {}

  /** The rows of {@code rows} that differ from every earlier row, in their order. */
  public static float[][] of(float[][] rows) {
    Set<Row> seen = new HashSet<>();
    List<float[]> out = new ArrayList<>();
    for (float[] r : rows) {
      if (seen.add(new Row(r))) {
        out.add(r);
      }
    }
    return out.toArray(new float[0][]);
  }

  /** A row compared by value. */
  private static final class Row {
    private final float[] values;
    private final int hash;

    Row(float[] values) {
      this.values = values;
      this.hash = Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Row r && r.hash == hash && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
