package io.mml.bench.tasks;

import io.mml.runtime.cli.Cli;
import io.mml.runtime.files.FileTrees;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Issue 3 benchmark (c): {@code mml create} on a class-per-folder tree of 10,000 PNGs (verify every
 * image, split folds, compute statistics, copy into the data tree, write the description).
 * Usage: CreateBench <out dir> [images=10000] [reps=3] [workers=2]
 */
public final class CreateBench {
  private CreateBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int workers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    Path root = Files.createTempDirectory(Files.createDirectories(out), "create-bench");
    Path source = root.resolve("source");
    long g0 = System.nanoTime();
    generate(source, images);
    double genS = (System.nanoTime() - g0) / 1e9;
    double[] secs = new double[reps];
    for (int r = 0; r < reps; r++) {
      Path data = root.resolve("data" + r);
      long t0 = System.nanoTime();
      int code = Cli.run("create", "mode.importer=folder", "mode.source=" + source, "mode.task=bench" + r,
          "data_dir=" + data, "out_dir=" + root.resolve("results"), "num_workers=" + workers,
          "logging.progress=false");
      secs[r] = (System.nanoTime() - t0) / 1e9;
      if (code != 0) {
        throw new AssertionError("create exited " + code);
      }
      FileTrees.deleteTree(data);
    }
    double[] sorted = secs.clone();
    Arrays.sort(sorted);
    String report = String.format(Locale.ROOT,
        "create on %,d PNGs (32x32 RGB, 4 classes, %d workers): median %.2f s [%.2f..%.2f] = %.0f images/s%n"
            + "(generating the PNGs took %.1f s; not included)%n",
        images, workers, sorted[reps / 2], sorted[0], sorted[reps - 1], images / sorted[reps / 2], genS);
    System.out.print(report);
    Files.writeString(out.resolve("create.txt"), report);
    FileTrees.deleteTree(root);
  }

  static void generate(Path source, int n) throws Exception {
    Random rng = new Random(7);
    for (int i = 0; i < n; i++) {
      int cls = i % 4;
      Path dir = Files.createDirectories(source.resolve("train").resolve("class" + cls));
      BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          img.setRGB(x, y, (cls * 60 + rng.nextInt(40)) << 16 | rng.nextInt(256) << 8 | rng.nextInt(256));
        }
      }
      ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
    }
  }
}
