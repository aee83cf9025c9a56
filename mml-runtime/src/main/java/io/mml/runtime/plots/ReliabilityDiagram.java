package io.mml.runtime.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A reliability diagram as PNG: per confidence bin, the accuracy against the mean confidence, one
 * line per series (e.g. a model before and after calibration), and the diagonal of perfect
 * calibration. Points above the diagonal are under-confident, below it over-confident.
 */
public final class ReliabilityDiagram {
  private static final int WIDTH = 700;
  private static final int HEIGHT = 700;

  private ReliabilityDiagram() {}

  /**
   * One line of the diagram: bins with a count of 0 are left out.
   *
   * @param name the legend entry, e.g. {@code before (ECE 0.081)}
   * @param meanConfidence per bin, the mean top-class probability
   * @param accuracy per bin, the share of correct arg-max predictions
   * @param count per bin, the samples in it
   */
  public record Series(String name, double[] meanConfidence, double[] accuracy, long[] count) {
    public Series {
      Objects.requireNonNull(name, "name");
      if (meanConfidence.length != accuracy.length || accuracy.length != count.length) {
        throw new IllegalArgumentException("series " + name + ": bins differ in length");
      }
      meanConfidence = meanConfidence.clone();
      accuracy = accuracy.clone();
      count = count.clone();
    }
  }

  /** The diagram as PNG bytes. */
  public static byte[] png(String title, List<Series> series) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries diagonal = new XYSeries("perfect calibration");
    diagonal.add(0.0, 0.0);
    diagonal.add(1.0, 1.0);
    data.addSeries(diagonal);
    for (Series s : series) {
      XYSeries line = new XYSeries(s.name(), false);
      for (int b = 0; b < s.count().length; b++) {
        if (s.count()[b] > 0) {
          line.add(s.meanConfidence()[b], s.accuracy()[b]);
        }
      }
      data.addSeries(line);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesPaint(0, Color.GRAY);
    renderer.setSeriesShapesVisible(0, false);
    renderer.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 6f}, 0f));
    for (int i = 1; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    NumberAxis x = new NumberAxis("confidence (top-class probability)");
    x.setRange(0, 1);
    NumberAxis y = new NumberAxis("accuracy");
    y.setRange(0, 1);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(new Color(248, 248, 248));
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    return png.toByteArray();
  }
}
