package io.mml.runtime.train;

import io.mml.runtime.files.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Per-epoch metrics of a training as CSV and as a PNG with a loss panel and a metrics panel. */
public final class TrainingCurves {
  private TrainingCurves() {}

  /** The metric names over all epochs, in first-seen order. */
  static List<String> metricNames(List<EpochRecord> history) {
    Set<String> names = new LinkedHashSet<>();
    for (EpochRecord r : history) {
      names.addAll(r.metrics().keySet());
    }
    return new ArrayList<>(names);
  }

  /** The CSV text: {@code epoch,lr,train_loss,val_loss,<metrics...>,seconds}. */
  public static String csv(List<EpochRecord> history) {
    List<String> names = metricNames(history);
    StringBuilder sb = new StringBuilder("epoch,lr,train_loss,val_loss");
    for (String n : names) {
      sb.append(',').append(n);
    }
    sb.append(",seconds\n");
    for (EpochRecord r : history) {
      sb.append(r.epoch()).append(',').append(fmt(r.lr())).append(',').append(fmt(r.trainLoss())).append(',')
          .append(fmt(r.valLoss()));
      for (String n : names) {
        sb.append(',').append(fmt(r.metrics().getOrDefault(n, Double.NaN)));
      }
      sb.append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds())).append('\n');
    }
    return sb.toString();
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
  }

  /** Writes the CSV atomically. */
  public static void writeCsv(Path file, List<EpochRecord> history) throws IOException {
    AtomicFiles.write(file, csv(history).getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the curves as a PNG atomically. */
  public static void writePng(Path file, String title, List<EpochRecord> history) throws IOException {
    XYSeriesCollection losses = new XYSeriesCollection();
    XYSeries train = new XYSeries("train loss");
    XYSeries val = new XYSeries("validation loss");
    for (EpochRecord r : history) {
      train.add(r.epoch() + 1, r.trainLoss());
      if (!Double.isNaN(r.valLoss())) {
        val.add(r.epoch() + 1, r.valLoss());
      }
    }
    losses.addSeries(train);
    if (val.getItemCount() > 0) {
      losses.addSeries(val);
    }
    XYSeriesCollection metrics = new XYSeriesCollection();
    for (String n : metricNames(history)) {
      XYSeries s = new XYSeries(n);
      for (EpochRecord r : history) {
        double v = r.metrics().getOrDefault(n, Double.NaN);
        if (!Double.isNaN(v)) {
          s.add(r.epoch() + 1, v);
        }
      }
      metrics.addSeries(s);
    }
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("epoch"));
    plot.add(panel(losses, "loss"), 1);
    if (metrics.getSeriesCount() > 0) {
      plot.add(panel(metrics, "validation metric"), 1);
    }
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, 900, 600);
    AtomicFiles.write(file, png.toByteArray());
  }

  private static XYPlot panel(XYSeriesCollection data, String label) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      r.setSeriesStroke(i, new BasicStroke(2f));
    }
    NumberAxis y = new NumberAxis(label);
    y.setAutoRangeIncludesZero(false);
    XYPlot p = new XYPlot(data, null, y, r);
    p.setBackgroundPaint(new Color(248, 248, 248));
    return p;
  }
}
