package io.mml.runtime.tasks;

import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.FileTrees;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small synthetic classification tasks so everything runs out of the box ({@code tasks=demo}):
 * {@code demo_shapes} (circle/square/triangle), {@code demo_stripes} (horizontal/vertical) and
 * {@code demo_tissue} (benign/malignant textures), 32x32 RGB PNGs in {@code RAW/DSET_demo}.
 * Generation is deterministic (fixed seeds, byte-identical files) and takes well under a second.
 */
public final class DemoTasks {
  private static final Logger LOG = LoggerFactory.getLogger(DemoTasks.class);

  /** The demo task names. */
  public static final List<String> NAMES = List.of("demo_shapes", "demo_stripes", "demo_tissue");
  /** The dataset folder name ({@code RAW/DSET_demo}). */
  public static final String DATASET = "demo";
  /** The number of folds of every demo task. */
  public static final int NUM_FOLDS = 5;
  /** The base seed; changing it changes every file. */
  public static final long SEED = 42;
  private static final int SIZE = 32;

  private DemoTasks() {}

  /** What one demo task looks like. */
  private record Spec(String name, List<String> classes, int trainPerClass, int testPerClass, String description,
      Painter painter) {}

  @FunctionalInterface
  private interface Painter {
    /** Fills {@code rgb} (SIZE*SIZE packed pixels) with a sample of class {@code cls}. */
    void paint(Random rng, int cls, int[] rgb);
  }

  private static final List<Spec> SPECS = List.of(
      new Spec("demo_shapes", List.of("circle", "square", "triangle"), 100, 30,
          "Synthetic shapes (circle, square, triangle) of random position, size and colour on a noisy background.",
          DemoTasks::paintShape),
      new Spec("demo_stripes", List.of("horizontal", "vertical"), 80, 20,
          "Synthetic noisy stripes of random period, phase and colours; horizontal or vertical.",
          DemoTasks::paintStripes),
      new Spec("demo_tissue", List.of("benign", "malignant"), 80, 20,
          "Synthetic tissue-like textures: smooth pinkish (benign) versus purple with dense dark dots (malignant).",
          DemoTasks::paintTissue));

  /** The installed description files of the demo tasks, generating them first when missing. Safe across processes. */
  public static List<Path> ensureInstalled(Path dataRoot) {
    Path root = dataRoot.toAbsolutePath().normalize();
    Path target = datasetDir(root);
    if (isInstalled(root)) {
      return descriptionFiles(root);
    }
    Path locks = root.resolve(".locks");
    // The JVM-wide monitor keeps threads of one process apart (FileLock is per process), the file lock other processes.
    synchronized (DemoTasks.class) {
      try {
        Files.createDirectories(locks);
        try (FileChannel ch = FileChannel.open(locks.resolve("demo_tasks.lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
          if (isInstalled(root)) {
            return descriptionFiles(root);
          }
          if (Files.exists(target)) {
            throw new TaskException(target + " exists but does not hold all demo tasks " + NAMES
                + "; delete the folder to have it generated again");
          }
          Path raw = target.getParent();
          Files.createDirectories(raw);
          deleteStaleTemps(raw);
          Path tmp = Files.createTempDirectory(raw, ".DSET_" + DATASET + ".tmp-");
          long t0 = System.nanoTime();
          try {
            generate(tmp);
            try {
              Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
              tmp = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException lost) {
              LOG.info("Demo tasks appeared meanwhile under {}; discarding this copy", target);
            } catch (AtomicMoveNotSupportedException e) {
              Files.move(tmp, target);
              tmp = null;
            }
            AtomicFiles.fsyncDirectory(raw);
          } finally {
            if (tmp != null) {
              FileTrees.deleteTreeQuietly(tmp);
            }
          }
          LOG.info("Generated the demo tasks {} in {} ms under {}", NAMES, (System.nanoTime() - t0) / 1_000_000, target);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not install the demo tasks under " + target + ": " + e.getMessage(), e);
      }
    }
    return descriptionFiles(root);
  }

  /** Whether all demo task descriptions exist. */
  public static boolean isInstalled(Path dataRoot) {
    return descriptionFiles(dataRoot).stream().allMatch(Files::isRegularFile);
  }

  /** {@code <dataRoot>/RAW/DSET_demo}. */
  public static Path datasetDir(Path dataRoot) {
    return TaskFiles.rawDatasetDir(dataRoot.toAbsolutePath().normalize(), DATASET);
  }

  private static List<Path> descriptionFiles(Path dataRoot) {
    Path dir = datasetDir(dataRoot);
    return NAMES.stream().map(n -> TaskFiles.descriptionFile(dir, n)).toList();
  }

  private static void deleteStaleTemps(Path raw) throws IOException {
    // Only the lock holder generates, so any temp folder seen here was left by a process that died.
    try (Stream<Path> s = Files.list(raw)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".DSET_" + DATASET + ".tmp-")).toList()) {
        LOG.info("Removing {} left by an interrupted demo installation", p);
        FileTrees.deleteTree(p);
      }
    }
  }

  /** Writes all demo images and descriptions into {@code datasetDir} (which must exist). */
  static void generate(Path datasetDir) throws IOException {
    for (int t = 0; t < SPECS.size(); t++) {
      generateTask(datasetDir, SPECS.get(t), SEED + 1000L * t);
    }
  }

  private static void generateTask(Path dir, Spec spec, long seed) throws IOException {
    Random rng = new Random(seed);
    int numClasses = spec.classes().size();
    Map<String, Map<String, Object>> train = new LinkedHashMap<>();
    Map<String, Map<String, Object>> test = new LinkedHashMap<>();
    Map<String, Integer> classOf = new LinkedHashMap<>();
    double[] sum = new double[3];
    double[] sumSq = new double[3];
    long pixels = 0;
    int[] rgb = new int[SIZE * SIZE];
    BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    for (String split : List.of("train", "test")) {
      int perClass = split.equals("train") ? spec.trainPerClass() : spec.testPerClass();
      int n = 0;
      for (int i = 0; i < perClass; i++) {
        for (int c = 0; c < numClasses; c++) {
          String id = String.format("%s_%04d", split, n++);
          spec.painter().paint(rng, c, rgb);
          String rel = spec.name() + "/" + split + "/" + spec.classes().get(c) + "/" + id + ".png";
          Path file = dir.resolve(rel);
          Files.createDirectories(file.getParent());
          img.setRGB(0, 0, SIZE, SIZE, rgb, 0, SIZE);
          if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
          }
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("image", rel);
          entry.put("class", c);
          if (split.equals("train")) {
            train.put(id, entry);
            classOf.put(id, c);
            for (int px : rgb) {
              for (int ch = 0; ch < 3; ch++) {
                double v = ((px >> (16 - 8 * ch)) & 0xFF) / 255.0;
                sum[ch] += v;
                sumSq[ch] += v * v;
              }
            }
            pixels += rgb.length;
          } else {
            test.put(id, entry);
          }
        }
      }
    }
    List<Double> means = new ArrayList<>();
    List<Double> stds = new ArrayList<>();
    for (int ch = 0; ch < 3; ch++) {
      double m = sum[ch] / pixels;
      means.add(m);
      stds.add(Math.sqrt(Math.max(0, sumSq[ch] / pixels - m * m)));
    }
    TreeMap<Integer, String> idxToClass = new TreeMap<>();
    Map<String, Long> classOcc = new LinkedHashMap<>();
    for (int c = 0; c < numClasses; c++) {
      idxToClass.put(c, spec.classes().get(c));
      classOcc.put(spec.classes().get(c), (long) spec.trainPerClass());
    }
    List<List<String>> folds = Folds.balanced(classOf, NUM_FOLDS, seed + 1);
    Map<String, List<String>> modalities = new LinkedHashMap<>(); // ordered: Map.of iterates differently per JVM
    modalities.put("class", List.of());
    modalities.put("image", List.of(".png"));
    TaskHeader header = new TaskHeader(spec.name(), "classification", List.of("artificial"),
        modalities, means, stds, List.of(SIZE, SIZE, SIZE, SIZE),
        idxToClass, classOcc, NUM_FOLDS, train.size(), spec.description(), "CC0-1.0", "1",
        "mml for Java demo data", "", "generated by DemoTasks (seed " + seed + ")");
    TaskDescriptions.write(TaskFiles.descriptionFile(dir, spec.name()),
        new TaskDescription(header, folds, train, test, Map.of()));
  }

  // ------------------------------------------------------------------------------------ painters

  private static int clamp(double v) {
    return v < 0 ? 0 : v > 255 ? 255 : (int) Math.round(v);
  }

  private static int pack(double r, double g, double b) {
    return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
  }

  private static void paintShape(Random rng, int cls, int[] rgb) {
    double[] bg = {20 + rng.nextInt(70), 20 + rng.nextInt(70), 20 + rng.nextInt(70)};
    double[] fg = {140 + rng.nextInt(116), 140 + rng.nextInt(116), 140 + rng.nextInt(116)};
    int r = 6 + rng.nextInt(6);
    int cx = r + 1 + rng.nextInt(SIZE - 2 * r - 2);
    int cy = r + 1 + rng.nextInt(SIZE - 2 * r - 2);
    int half = (int) Math.round(r * 0.85);
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int dx = x - cx;
        int dy = y - cy;
        boolean inside = switch (cls) {
          case 0 -> dx * dx + dy * dy <= r * r;
          case 1 -> Math.abs(dx) <= half && Math.abs(dy) <= half;
          default -> dy >= -r && dy <= r && Math.abs(dx) <= (dy + r) * 0.55;
        };
        double[] c = inside ? fg : bg;
        double noise = rng.nextGaussian() * 12;
        rgb[y * SIZE + x] = pack(c[0] + noise, c[1] + noise, c[2] + noise);
      }
    }
  }

  private static void paintStripes(Random rng, int cls, int[] rgb) {
    double[] a = {150 + rng.nextInt(106), 150 + rng.nextInt(106), 150 + rng.nextInt(106)};
    double[] b = {rng.nextInt(100), rng.nextInt(100), rng.nextInt(100)};
    double period = 4 + rng.nextInt(7);
    double phase = rng.nextDouble() * 2 * Math.PI;
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int coord = cls == 0 ? y : x; // horizontal stripes vary along y
        double v = 0.5 + 0.5 * Math.sin(2 * Math.PI * coord / period + phase);
        rgb[y * SIZE + x] = pack(a[0] * v + b[0] * (1 - v) + rng.nextGaussian() * 15,
            a[1] * v + b[1] * (1 - v) + rng.nextGaussian() * 15, a[2] * v + b[2] * (1 - v) + rng.nextGaussian() * 15);
      }
    }
  }

  private static void paintTissue(Random rng, int cls, int[] rgb) {
    boolean malignant = cls == 1;
    double[] base = malignant ? new double[] {170, 110, 190} : new double[] {235, 190, 210};
    double jitter = rng.nextGaussian() * 8;
    double f1 = 0.1 + rng.nextDouble() * 0.2;
    double f2 = 0.1 + rng.nextDouble() * 0.2;
    double p1 = rng.nextDouble() * 2 * Math.PI;
    double p2 = rng.nextDouble() * 2 * Math.PI;
    double[] shade = new double[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        shade[y * SIZE + x] = jitter + 12 * Math.sin(x * f1 + p1) * Math.cos(y * f2 + p2);
      }
    }
    // blobs: light soft nuclei for benign, many small dark dots for malignant
    int blobs = malignant ? 30 + rng.nextInt(31) : 3 + rng.nextInt(4);
    double[] dot = malignant ? new double[] {80, 30, 120} : new double[] {250, 215, 230};
    boolean[] inDot = new boolean[SIZE * SIZE];
    for (int k = 0; k < blobs; k++) {
      int bx = rng.nextInt(SIZE);
      int by = rng.nextInt(SIZE);
      int br = malignant ? 1 + rng.nextInt(2) : 4 + rng.nextInt(4);
      for (int y = Math.max(0, by - br); y <= Math.min(SIZE - 1, by + br); y++) {
        for (int x = Math.max(0, bx - br); x <= Math.min(SIZE - 1, bx + br); x++) {
          if ((x - bx) * (x - bx) + (y - by) * (y - by) <= br * br) {
            inDot[y * SIZE + x] = true;
          }
        }
      }
    }
    double sigma = malignant ? 10 : 5;
    for (int i = 0; i < SIZE * SIZE; i++) {
      double[] c = inDot[i] ? dot : base;
      double s = shade[i];
      rgb[i] = pack(c[0] + s + rng.nextGaussian() * sigma, c[1] + s + rng.nextGaussian() * sigma,
          c[2] + s + rng.nextGaussian() * sigma);
    }
  }
}
