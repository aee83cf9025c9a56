package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.verify.Images;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-channel mean and standard deviation (values scaled to [0, 1]) and the size range of a set of
 * images, computed in parallel. Grey images count as three equal channels when any image has colour.
 * The result does not depend on the number of threads (per-image sums are merged in input order).
 *
 * @param means per-channel means (1 or 3 channels)
 * @param stds per-channel standard deviations
 * @param sizes {@code [minHeight, maxHeight, minWidth, maxWidth]}
 */
public record ImageStats(List<Double> means, List<Double> stds, List<Integer> sizes) {

  /** Sums of one image. */
  private record Partial(int channels, double[] sum, double[] sumSq, long pixels, int height, int width) {}

  /** Computes the statistics of the files with {@code workers} threads. */
  public static ImageStats compute(List<Path> files, int workers) {
    if (files.isEmpty()) {
      throw new TaskException("No images to compute statistics from");
    }
    return merge(ParallelWork.map(files, workers, "mml-stats", "computing statistics", ImageStats::partial));
  }

  private static Partial partial(Path file) {
    BufferedImage img;
    try {
      img = Images.decode(file);
    } catch (IOException e) {
      throw new TaskException(e.getMessage(), e);
    }
    int w = img.getWidth();
    int h = img.getHeight();
    ColorModel cm = img.getColorModel();
    Raster r = img.getRaster();
    boolean grey = cm.getNumColorComponents() == 1 && !(cm instanceof IndexColorModel) && r.getNumBands() <= 2;
    if (grey) {
      double max = (1L << cm.getComponentSize(0)) - 1;
      double s = 0;
      double sq = 0;
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, row);
        for (int v : row) {
          double d = v / max;
          s += d;
          sq += d * d;
        }
      }
      return new Partial(1, new double[] {s}, new double[] {sq}, (long) w * h, h, w);
    }
    double[] s = new double[3];
    double[] sq = new double[3];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int px : row) {
        for (int c = 0; c < 3; c++) {
          double d = ((px >> (16 - 8 * c)) & 0xFF) / 255.0;
          s[c] += d;
          sq[c] += d * d;
        }
      }
    }
    return new Partial(3, s, sq, (long) w * h, h, w);
  }

  private static ImageStats merge(List<Partial> parts) {
    int channels = parts.stream().anyMatch(p -> p.channels() == 3) ? 3 : 1;
    double[] sum = new double[channels];
    double[] sumSq = new double[channels];
    long pixels = 0;
    int minH = Integer.MAX_VALUE;
    int maxH = 0;
    int minW = Integer.MAX_VALUE;
    int maxW = 0;
    for (Partial p : parts) {
      for (int c = 0; c < channels; c++) {
        int from = p.channels() == 1 ? 0 : c;
        sum[c] += p.sum()[from];
        sumSq[c] += p.sumSq()[from];
      }
      pixels += p.pixels();
      minH = Math.min(minH, p.height());
      maxH = Math.max(maxH, p.height());
      minW = Math.min(minW, p.width());
      maxW = Math.max(maxW, p.width());
    }
    List<Double> means = new ArrayList<>();
    List<Double> stds = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      double m = sum[c] / pixels;
      means.add(m);
      stds.add(Math.sqrt(Math.max(0, sumSq[c] / pixels - m * m)));
    }
    return new ImageStats(means, stds, List.of(minH, maxH, minW, maxW));
  }
}
