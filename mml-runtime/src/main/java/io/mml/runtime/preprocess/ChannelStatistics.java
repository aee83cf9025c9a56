package io.mml.runtime.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-channel mean and standard deviation (intensities scaled to [0, 1] by the band's bit depth)
 * and the range of image sizes, accumulated image by image; thread-safe merging of partial results.
 */
final class ChannelStatistics {
  private double[] sum = new double[0];
  private double[] sumSq = new double[0];
  private long pixels;
  private int minH = Integer.MAX_VALUE;
  private int maxH;
  private int minW = Integer.MAX_VALUE;
  private int maxW;

  synchronized void add(BufferedImage img) {
    Raster r = img.getRaster();
    int bands = Math.min(3, r.getNumBands());
    if (sum.length < bands) {
      sum = java.util.Arrays.copyOf(sum, bands);
      sumSq = java.util.Arrays.copyOf(sumSq, bands);
    }
    int w = r.getWidth();
    int[] row = new int[w];
    for (int b = 0; b < bands; b++) {
      double scale = (1 << r.getSampleModel().getSampleSize(b)) - 1.0;
      for (int y = 0; y < r.getHeight(); y++) {
        r.getSamples(0, y, w, 1, b, row);
        for (int v : row) {
          double f = v / scale;
          sum[b] += f;
          sumSq[b] += f * f;
        }
      }
    }
    pixels += (long) w * r.getHeight();
    minH = Math.min(minH, r.getHeight());
    maxH = Math.max(maxH, r.getHeight());
    minW = Math.min(minW, w);
    maxW = Math.max(maxW, w);
  }

  synchronized List<Double> means() {
    List<Double> out = new ArrayList<>();
    for (double s : sum) {
      out.add(pixels == 0 ? 0 : s / pixels);
    }
    return out;
  }

  synchronized List<Double> stds() {
    List<Double> out = new ArrayList<>();
    for (int b = 0; b < sum.length; b++) {
      double m = sum[b] / pixels;
      out.add(pixels == 0 ? 0 : Math.sqrt(Math.max(0, sumSq[b] / pixels - m * m)));
    }
    return out;
  }

  synchronized List<Integer> sizes() {
    return pixels == 0 ? List.of() : List.of(minH, maxH, minW, maxW);
  }
}
