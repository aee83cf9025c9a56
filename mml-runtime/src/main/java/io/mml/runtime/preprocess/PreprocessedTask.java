package io.mml.runtime.preprocess;

import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskFiles;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskStruct;
import io.mml.runtime.files.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/** Writes the preprocessed copy of one task: same relative layout, recomputed statistics, description last. */
public final class PreprocessedTask {
  private PreprocessedTask() {}

  /**
   * Preprocesses every image and mask of the task in parallel, then writes its description (so a
   * copy without a description, left by a killed run, is simply redone).
   *
   * @return the written description file
   */
  public static Path write(TaskStruct task, Path dataRoot, String ppId, PreprocessingPipeline pipeline, int threads)
      throws IOException {
    TaskDescription raw = task.description();
    String dirName = task.datasetDir().getFileName().toString();
    String dataset = dirName.startsWith(TaskFiles.DSET_PREFIX) ? dirName.substring(TaskFiles.DSET_PREFIX.length())
        : dirName;
    Path outDir = TaskFiles.preprocessedDatasetDir(dataRoot, ppId, dataset);
    ChannelStatistics stats = new ChannelStatistics();
    List<Runnable> jobs = new ArrayList<>();
    for (var split : List.of(raw.trainSamples(), raw.testSamples(), raw.unlabelledSamples())) {
      boolean train = split == raw.trainSamples();
      for (Map<String, Object> sample : split.values()) {
        for (String modality : List.of("image", "mask")) {
          Object entry = sample.get(modality);
          if (!(entry instanceof String rel) || rel.equals(TaskDescriptions.EMPTY_MASK)) {
            continue;
          }
          boolean image = modality.equals("image");
          jobs.add(() -> {
            try {
              Path src = task.resolveSample(rel);
              BufferedImage in = ImageIO.read(src.toFile());
              if (in == null) {
                throw new DataFileException(src, "Cannot decode " + src + " (" + modality + " of task " + task.name()
                    + "): not a PNG/JPEG/BMP/TIFF image ImageIO can read. Replace it and recreate the task.", null);
              }
              BufferedImage out = image ? pipeline.applyToImage(in) : pipeline.applyToMask(in);
              if (image && train) {
                stats.add(out);
              }
              AtomicFiles.write(outDir.resolve(rel), encode(out, rel, src));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        }
      }
    }
    runAll(jobs, threads);
    TaskHeader h = raw.header();
    String protocol = (h.creationProtocol() == null || h.creationProtocol().isBlank() ? "" : h.creationProtocol() + "; ")
        + "preprocessed as '" + ppId + "' with " + pipeline;
    TaskHeader header = new TaskHeader(h.name(), h.taskType(), h.keywords(), h.modalities(),
        stats.means().isEmpty() ? h.means() : stats.means(), stats.stds().isEmpty() ? h.stds() : stats.stds(),
        stats.sizes().isEmpty() ? h.sizes() : stats.sizes(), h.idxToClass(), h.classOcc(), h.numFolds(),
        h.numSamples(), h.description(), h.license(), h.release(), h.reference(), h.url(), protocol);
    Path file = TaskFiles.descriptionFile(outDir, task.name());
    TaskDescriptions.write(file, raw.withHeader(header));
    return file;
  }

  private static byte[] encode(BufferedImage img, String rel, Path src) throws IOException {
    String lower = rel.toLowerCase(Locale.ROOT);
    String format = lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "jpg"
        : lower.endsWith(".bmp") ? "bmp" : lower.endsWith(".tif") || lower.endsWith(".tiff") ? "tiff" : "png";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, bytes)) {
      throw new IOException("Cannot encode the preprocessed " + src + " as " + format
          + " (this bit depth or band layout is not writable in that format); use a PNG source.");
    }
    return bytes.toByteArray();
  }

  private static void runAll(List<Runnable> jobs, int threads) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable r : jobs) {
        futures.add(pool.submit(r));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while preprocessing", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(c);
    } finally {
      pool.shutdownNow();
    }
  }
}
