package io.mml.plugins.similarity;

import io.mml.plugins.similarity.numeric.ClassicalMds;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The picture of a distance table as PNG bytes: a 2-D map of the tasks by classical MDS when every
 * distance is known, else (a pivot run) a bar per task of its distance to the pivot.
 */
public final class DistancePlot {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 600;

  private DistancePlot() {}

  /** The map or, with a pivot, the bars. */
  public static byte[] of(DistanceTable table, String measure, java.util.Optional<String> pivot) throws IOException {
    return pivot.isPresent() ? toPivot(table, measure, pivot.get()) : map(table, measure);
  }

  /**
   * The tasks as points whose distances approximate the table's (asymmetric tables are averaged over
   * both directions first); labelled with the task names.
   */
  public static byte[] map(DistanceTable table, String measure) throws IOException {
    double[][] xy = ClassicalMds.embed(table.symmetrized());
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries s = new XYSeries(measure, false);
    for (double[] p : xy) {
      s.add(p[0], p[1]);
    }
    data.addSeries(s);
    JFreeChart chart = ChartFactory.createScatterPlot("Task map (" + measure + ", classical MDS)", "MDS 1", "MDS 2",
        data, PlotOrientation.VERTICAL, false, false, false);
    XYPlot plot = chart.getXYPlot();
    // Room for the labels, which start at their point and run to the right.
    plot.getDomainAxis().setLowerMargin(0.1);
    plot.getDomainAxis().setUpperMargin(0.3);
    plot.getRangeAxis().setUpperMargin(0.1);
    plot.getRangeAxis().setLowerMargin(0.1);
    List<String> tasks = table.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      XYTextAnnotation label = new XYTextAnnotation(tasks.get(i), xy[i][0], xy[i][1]);
      label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addAnnotation(label);
    }
    return png(chart);
  }

  /** A bar per source task: its distance to the pivot. */
  public static byte[] toPivot(DistanceTable table, String measure, String pivot) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (String t : table.tasks()) {
      double d = table.get(t, pivot);
      if (!t.equals(pivot) && !Double.isNaN(d)) {
        data.addValue(d, measure, t);
      }
    }
    JFreeChart chart = ChartFactory.createBarChart("Distance to " + pivot + " (" + measure + ")", "source task",
        measure, data, PlotOrientation.VERTICAL, false, false, false);
    return png(chart);
  }

  private static byte[] png(JFreeChart chart) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    return out.toByteArray();
  }
}
