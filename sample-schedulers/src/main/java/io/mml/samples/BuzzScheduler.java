package io.mml.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Subroutine;
import io.mml.runtime.data.Sample;
import io.mml.runtime.data.SampleBatches;
import io.mml.runtime.data.TaskDataset;
import io.mml.runtime.data.decoded.ImageData;
import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.PathKey;
import io.mml.runtime.scheduler.AbstractBaseScheduler;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskStruct;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The seed's example mode, built on the framework's infrastructure. Step {@code a} takes each task's
 * data module, shaped by this mode's defaults exactly as the train mode's is by its own
 * ({@code sampling=extraction_default}: {@code sampling.sample_num} images drawn per task;
 * {@code augmentations=no_norm}: no augmentation, pixel values in [0, 1]; {@code preprocessing}: which
 * copies are read), computes per-channel statistics of those images and records them on the task.
 * Step {@code b} gathers them into one CSV and a bar chart.
 */
@Mode(id = "buzz", defaults = {"augmentations=no_norm", "sampling=extraction_default"},
    description = "Per-task channel statistics, then an aggregate across tasks.")
public class BuzzScheduler extends AbstractBaseScheduler {
  static final PathKey STATS = PathKey.builder("channel_stats").file("stats.json").perTask().numbered().reusable()
      .build();
  static final PathKey AGGREGATE = PathKey.builder("buzz_aggregate").folder("BUZZ").file("channel_stats.csv")
      .numbered().build();
  static final PathKey CHART = PathKey.builder("buzz_chart").folder("BUZZ").file("channel_means.png").numbered()
      .build();

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

  @Param(defaultValue = "1337", doc = "An example integer parameter.")
  int varOne;

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
    // The task's images as sampling and augmentations say (decoded on sampling.num_workers threads).
    TaskDataset images = datamodule(task).sampled();
    ChannelStats stats = null;
    int n = 0;
    try (SampleBatches batches = images.sampleBatches(0, images.sampling().batchSize())) {
      while (batches.hasNext()) {
        for (Sample sample : batches.next()) {
          if (stats == null) {
            stats = new ChannelStats(sample.image().channels());
          }
          stats.add(sample.image());
          n++;
          if (pauseMs > 0) {
            Thread.sleep(pauseMs);
          }
        }
      }
    }
    if (stats == null) {
      throw new TaskException("Task " + task.name() + " has no training images; buzz needs at least one."
          + " Check the task with: mml info task_list=[" + task.name() + "]");
    }
    ObjectNode out = stats.toJson(JSON);
    out.put("task", task.name());
    out.put("images", n);
    Path file = files().claim(STATS, task.name());
    if (task.name().equals(HALT_IN_A)) {
      Runtime.getRuntime().halt(137); // fault injection for kill tests: as abrupt as SIGKILL
    }
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
    task.putPath(STATS.key(), file);
    log.info("Channel means of {} ({} images): {}", task.name(), n, out.get("mean"));
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
        csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%.6f,%.6f,%.6f%n", s.name(), n.get("images").asInt(), c,
            n.get("mean").get(c).asDouble(), n.get("std").get(c).asDouble(), n.get("min").get(c).asDouble(),
            n.get("max").get(c).asDouble()));
        dataset.addValue(n.get("mean").get(c).asDouble(), channelName(c, channels), s.name());
      }
    }
    Path csvFile = files().claim(AGGREGATE);
    AtomicFiles.write(csvFile, csv.toString().getBytes(StandardCharsets.UTF_8));
    JFreeChart chart = ChartFactory.createBarChart("Mean intensity per channel", "task", "mean (0-1)", dataset,
        PlotOrientation.VERTICAL, true, false, false);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, 800, 480);
    Path chartFile = files().claim(CHART);
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

  /** Streaming per-channel statistics of decoded images (values in [0, 1] without normalisation). */
  static final class ChannelStats {
    private final double[] sum;
    private final double[] sumSq;
    private final double[] min;
    private final double[] max;
    private final long[][] hist;
    private long pixels;

    ChannelStats(int channels) {
      sum = new double[channels];
      sumSq = new double[channels];
      min = new double[channels];
      max = new double[channels];
      hist = new long[channels][BINS];
      java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
      java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** Adds an image's pixels (channel-major, as decoded). */
    void add(ImageData image) {
      int bands = Math.min(image.channels(), sum.length);
      int plane = image.width() * image.height();
      float[] px = image.pixels();
      for (int b = 0; b < bands; b++) {
        for (int i = b * plane, end = i + plane; i < end; i++) {
          double v = px[i];
          sum[b] += v;
          sumSq[b] += v * v;
          min[b] = Math.min(min[b], v);
          max[b] = Math.max(max[b], v);
          hist[b][Math.max(0, Math.min(BINS - 1, (int) (v * BINS)))]++;
        }
      }
      pixels += plane;
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
