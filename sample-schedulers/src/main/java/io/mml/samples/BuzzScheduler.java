package io.mml.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Subroutine;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskStruct;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The seed's example mode. Step {@code a} computes per-channel pixel statistics of each task's
 * images and records them on the task; step {@code b} gathers them into one CSV and a bar chart.
 */
@Mode(id = "buzz", defaults = {"augmentations=no_norm", "sampling=extraction_default"},
    description = "Per-task channel statistics, then an aggregate across tasks.")
public class BuzzScheduler extends AbstractBaseScheduler {
  static final PathKey STATS = new PathKey("channel_stats", "CHANNEL_STATS", "stats.json", true, true, true);
  static final PathKey AGGREGATE = new PathKey("buzz_aggregate", "BUZZ", "channel_stats.csv", false, true, false);
  static final PathKey CHART = new PathKey("buzz_chart", "BUZZ", "channel_means.png", false, true, false);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BINS = 16;

  /**
   * Kill point for tests, not a setting: {@code -Dbuzz.test.halt_in_a=<task>} ends the JVM the way
   * SIGKILL does (no shutdown hooks, nothing flushed) inside step a of that task, after its stats
   * file was claimed and before it is written, so a kill-and-continue test stops at an exact place.
   */
  private static final String HALT_IN_A = System.getProperty("buzz.test.halt_in_a");
  /**
   * Latch for tests, not a setting: {@code -Dbuzz.test.wait_in_a=<file>} holds every step a at its
   * start until that file exists, so a test can act while a step is certainly running.
   */
  private static final String WAIT_IN_A = System.getProperty("buzz.test.wait_in_a");

  @Param(defaultValue = "1337", doc = "An example integer parameter; also seeds the sampling of images.")
  int varOne;

  @Param(defaultValue = "0", doc = "Use at most this many images per task, drawn at random (0 = all).")
  int maxImages;

  @Param(defaultValue = "0", doc = "Pause this many milliseconds per image in step a (demonstrations, kill tests).")
  int pauseMs;

  @Override
  protected List<PathKey> pathKeys() {
    return List.of(STATS, AGGREGATE, CHART);
  }

  @Subroutine("a")
  @PerTask
  void stepA(TaskStruct task) throws IOException, InterruptedException {
    if (WAIT_IN_A != null) {
      awaitFile(Path.of(WAIT_IN_A));
    }
    List<Path> images = new ArrayList<>(task.imagePaths());
    if (maxImages > 0 && images.size() > maxImages) {
      Collections.shuffle(images, new Random(varOne));
      images = images.subList(0, maxImages);
    }
    ChannelStats stats = null;
    for (Path p : images) {
      BufferedImage img = ImageIO.read(p.toFile());
      if (img == null) {
        throw new IOException("Cannot decode image " + p + " of task " + task.name()
            + ": not a readable PNG/JPEG/BMP. Replace or remove the file and recreate the task.");
      }
      Raster r = img.getRaster();
      if (stats == null) {
        stats = new ChannelStats(r.getNumBands());
      }
      stats.add(r);
      if (pauseMs > 0) {
        Thread.sleep(pauseMs);
      }
    }
    if (stats == null) {
      throw new IOException("Task " + task.name() + " has no images; buzz needs at least one.");
    }
    ObjectNode out = stats.toJson(JSON);
    out.put("task", task.name());
    out.put("images", images.size());
    Path file = files().constructSavingPath(STATS.key(), task.name());
    if (task.name().equals(HALT_IN_A)) {
      Runtime.getRuntime().halt(137); // fault injection for kill tests: as abrupt as SIGKILL
    }
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
    task.putPath(STATS.key(), file);
    log.info("Channel means of {}: {}", task.name(), out.get("mean"));
  }

  @Subroutine("b")
  void stepB() throws IOException {
    StringBuilder csv = new StringBuilder("task,images,channel,mean,std,min,max\n");
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (TaskStruct s : structs()) {
      Path p = s.path(STATS.key()).orElseThrow(() -> new IllegalStateException("Task " + s.name()
          + " has no " + STATS.key() + " artifact: run subroutine a first (mode.subroutines=[a,b])."));
      JsonNode n = JSON.readTree(Files.readAllBytes(p));
      int channels = n.get("mean").size();
      for (int c = 0; c < channels; c++) {
        csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.6f,%d,%d%n", s.name(), n.get("images").asInt(), c,
            n.get("mean").get(c).asDouble(), n.get("std").get(c).asDouble(), n.get("min").get(c).asInt(),
            n.get("max").get(c).asInt()));
        dataset.addValue(n.get("mean").get(c).asDouble(), channelName(c, channels), s.name());
      }
    }
    Path csvFile = files().constructSavingPath(AGGREGATE.key(), null);
    AtomicFiles.write(csvFile, csv.toString().getBytes(StandardCharsets.UTF_8));
    JFreeChart chart = ChartFactory.createBarChart("Mean intensity per channel", "task", "mean (0-255)", dataset,
        PlotOrientation.VERTICAL, true, false, false);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, 800, 480);
    Path chartFile = files().constructSavingPath(CHART.key(), null);
    AtomicFiles.write(chartFile, png.toByteArray());
    log.info("Aggregate of {} tasks: {} and {}", structs().size(), csvFile, chartFile);
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("buzz.test.wait_in_a: " + file + " did not appear within 5 minutes");
      }
      Thread.sleep(10);
    }
  }

  private static String channelName(int c, int channels) {
    if (channels == 3 || channels == 4) {
      return "RGBA".substring(c, c + 1);
    }
    return "channel " + c;
  }

  /** Streaming per-channel statistics of 8/16-bit images. */
  static final class ChannelStats {
    private final double[] sum;
    private final double[] sumSq;
    private final int[] min;
    private final int[] max;
    private final long[][] hist;
    private long pixels;

    ChannelStats(int channels) {
      sum = new double[channels];
      sumSq = new double[channels];
      min = new int[channels];
      max = new int[channels];
      hist = new long[channels][BINS];
      java.util.Arrays.fill(min, Integer.MAX_VALUE);
      java.util.Arrays.fill(max, Integer.MIN_VALUE);
    }

    void add(Raster r) {
      int bands = Math.min(r.getNumBands(), sum.length);
      int w = r.getWidth();
      int[] row = new int[w];
      for (int b = 0; b < bands; b++) {
        int bits = r.getSampleModel().getSampleSize(b);
        int shift = Math.max(0, bits - 4); // 16 bins of the band's range
        for (int y = 0; y < r.getHeight(); y++) {
          r.getSamples(r.getMinX(), r.getMinY() + y, w, 1, b, row);
          for (int v : row) {
            sum[b] += v;
            sumSq[b] += (double) v * v;
            min[b] = Math.min(min[b], v);
            max[b] = Math.max(max[b], v);
            hist[b][Math.min(BINS - 1, v >> shift)]++;
          }
        }
      }
      pixels += (long) r.getWidth() * r.getHeight();
    }

    ObjectNode toJson(ObjectMapper json) {
      ObjectNode o = json.createObjectNode();
      ArrayNode mean = o.putArray("mean");
      ArrayNode std = o.putArray("std");
      ArrayNode mn = o.putArray("min");
      ArrayNode mx = o.putArray("max");
      ArrayNode h = o.putArray("histogram");
      for (int b = 0; b < sum.length; b++) {
        double m = sum[b] / pixels;
        mean.add(m);
        std.add(Math.sqrt(Math.max(0, sumSq[b] / pixels - m * m)));
        mn.add(min[b]);
        mx.add(max[b]);
        ArrayNode hb = h.addArray();
        for (long c : hist[b]) {
          hb.add(c);
        }
      }
      o.put("pixels", pixels);
      return o;
    }
  }
}
