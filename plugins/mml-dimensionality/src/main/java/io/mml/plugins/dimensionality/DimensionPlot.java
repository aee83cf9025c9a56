package io.mml.plugins.dimensionality;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The dimension plots of mode {@code dim} as PNG bytes (JFreeChart). */
public final class DimensionPlot {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;

  private DimensionPlot() {}

  /** A bar per task with the subsets' standard deviation as error bar. */
  public static byte[] perTask(List<TaskDimension> dims) throws IOException {
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    for (TaskDimension d : dims) {
      data.add(d.estimate().dimension(), d.estimate().std(), "intrinsic dimension", d.task());
    }
    JFreeChart chart = ChartFactory.createLineChart("Intrinsic dimension per task (MLE)", "task", "dimension", data,
        PlotOrientation.VERTICAL, false, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    StatisticalBarRenderer bars = new StatisticalBarRenderer();
    bars.setErrorIndicatorPaint(Color.DARK_GRAY);
    plot.setRenderer(bars);
    return png(chart);
  }

  /**
   * One point per task: its dimension against the performance of its reused models.
   *
   * @param performance per task name, for the tasks that have models
   */
  public static byte[] versusPerformance(List<TaskDimension> dims, Map<String, ModelPerformance> performance)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    String monitor = "performance";
    for (TaskDimension d : dims) {
      ModelPerformance p = performance.get(d.task());
      if (p == null) {
        continue;
      }
      monitor = p.monitor();
      XYSeries s = new XYSeries(d.task());
      s.add(d.estimate().dimension(), p.value());
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createScatterPlot("Intrinsic dimension against model performance", "dimension",
        monitor + " (reused models, mean)", data, PlotOrientation.VERTICAL, true, false, false);
    return png(chart);
  }

  private static byte[] png(JFreeChart chart) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    return out.toByteArray();
  }
}
