package io.mml.runtime.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTasksTest {
  @TempDir Path tmp;

  /** SHA-256 over every file's relative path and content, in sorted order. */
  static String treeHash(Path root) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      md.update(root.relativize(f).toString().replace('\\', '/').getBytes());
      md.update((byte) 0);
      md.update(Files.readAllBytes(f));
    }
    return HexFormat.of().formatHex(md.digest()) + " (" + files.size() + " files)";
  }

  /** Generation time is not asserted here (a shared machine makes any bound flaky): see bench/README.md. */
  @Test
  void generationIsByteIdenticalAcrossRuns() throws Exception {
    DemoTasks.ensureInstalled(tmp.resolve("one"));
    DemoTasks.ensureInstalled(tmp.resolve("two"));
    String h1 = treeHash(DemoTasks.datasetDir(tmp.resolve("one")));
    assertEquals(h1, treeHash(DemoTasks.datasetDir(tmp.resolve("two"))));
    assertTrue(h1.endsWith("(793 files)"), h1); // 390 + 200 + 200 images + 3 descriptions
  }

  @Test
  void doesNotRegenerateWhenPresent() throws Exception {
    List<Path> files = DemoTasks.ensureInstalled(tmp);
    FileTime old = FileTime.fromMillis(1_000_000);
    for (Path f : files) {
      Files.setLastModifiedTime(f, old);
    }
    Path img = DemoTasks.datasetDir(tmp).resolve("demo_shapes/train/circle/train_0000.png");
    Files.setLastModifiedTime(img, old);
    assertEquals(files, DemoTasks.ensureInstalled(tmp));
    assertEquals(old, Files.getLastModifiedTime(img));
    assertEquals(old, Files.getLastModifiedTime(files.get(0)));
  }

  @Test
  void incompleteInstallationIsReportedNotOverwritten() throws Exception {
    List<Path> files = DemoTasks.ensureInstalled(tmp);
    Files.delete(files.get(1));
    String msg = assertThrows(TaskException.class, () -> DemoTasks.ensureInstalled(tmp)).getMessage();
    assertTrue(msg.contains("does not hold all demo tasks") && msg.contains("delete the folder"), msg);
  }

  @Test
  void tasksAreBalancedWithPlausibleStatistics() throws Exception {
    DemoTasks.ensureInstalled(tmp);
    TaskIndex index = TaskIndex.scan(tmp);
    assertEquals(DemoTasks.NAMES, List.copyOf(index.names()));
    Map<String, int[]> counts = Map.of("demo_shapes", new int[] {3, 100, 30}, "demo_stripes", new int[] {2, 80, 20},
        "demo_tissue", new int[] {2, 80, 20});
    for (String name : DemoTasks.NAMES) {
      TaskStruct s = TaskStruct.of(index, name);
      TaskHeader h = s.header();
      TaskDescription d = s.description();
      int classes = counts.get(name)[0];
      int train = counts.get(name)[1];
      int test = counts.get(name)[2];
      assertEquals("classification", h.taskType());
      assertEquals(classes, h.numClasses());
      assertEquals(5, h.numFolds());
      assertEquals(classes * train, h.numSamples());
      assertEquals(List.of(32, 32, 32, 32), h.sizes());
      for (String c : h.classNames()) {
        assertEquals(train, h.classOcc().get(c));
      }
      for (int cls = 0; cls < classes; cls++) {
        int k = cls;
        assertEquals(train, d.trainSamples().values().stream().filter(e -> e.get("class").equals(k)).count());
        assertEquals(test, d.testSamples().values().stream().filter(e -> e.get("class").equals(k)).count());
        for (List<String> fold : d.trainFolds()) {
          assertEquals(train / 5, fold.stream().filter(id -> d.trainSamples().get(id).get("class").equals(k)).count(),
              name + ": class " + k + " per fold");
        }
      }
      for (int ch = 0; ch < 3; ch++) {
        double m = h.means().get(ch);
        double sd = h.stds().get(ch);
        assertTrue(m > 0.05 && m < 0.95, name + " mean " + m);
        assertTrue(sd > 0.02 && sd < 0.5, name + " std " + sd);
      }
      Map<String, Object> first = d.trainSamples().values().iterator().next();
      BufferedImage img = ImageIO.read(s.resolveSample((String) first.get("image")).toFile());
      assertEquals(32, img.getWidth());
      assertEquals(32, img.getHeight());
    }
    assertTrue(index.problems().isEmpty());
  }

  @Test
  void statisticsMatchTheImagesOnDisk() throws Exception {
    DemoTasks.ensureInstalled(tmp);
    TaskStruct s = TaskStruct.of(TaskIndex.scan(tmp), "demo_stripes");
    double[] sum = new double[3];
    long n = 0;
    for (Map<String, Object> e : s.description().trainSamples().values()) {
      BufferedImage img = ImageIO.read(s.resolveSample((String) e.get("image")).toFile());
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          int px = img.getRGB(x, y);
          sum[0] += ((px >> 16) & 0xFF) / 255.0;
          sum[1] += ((px >> 8) & 0xFF) / 255.0;
          sum[2] += (px & 0xFF) / 255.0;
          n++;
        }
      }
    }
    for (int ch = 0; ch < 3; ch++) {
      assertEquals(sum[ch] / n, s.header().means().get(ch), 1e-9);
    }
  }

  @Test
  void concurrentThreadsInstallOnce() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        try {
          DemoTasks.ensureInstalled(tmp);
        } catch (Throwable e) {
          synchronized (errors) {
            errors.add(e);
          }
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(errors.isEmpty(), errors.toString());
    assertTrue(DemoTasks.isInstalled(tmp));
    assertNoTemps(tmp);
  }

  private static void assertNoTemps(Path data) throws Exception {
    try (Stream<Path> s = Files.list(data.resolve("RAW"))) {
      assertEquals(List.of("DSET_demo"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void concurrentProcessesInstallOneIdenticalTree() throws Exception {
    Path reference = tmp.resolve("reference");
    DemoTasks.ensureInstalled(reference);
    Path shared = tmp.resolve("shared");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> procs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      procs.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), InstallDemoMain.class.getName(),
          shared.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("log" + i).toFile()).start());
    }
    for (int i = 0; i < procs.size(); i++) {
      assertTrue(procs.get(i).waitFor(120, TimeUnit.SECONDS));
      int exit = procs.get(i).exitValue();
      assertEquals(0, exit, Files.readString(tmp.resolve("log" + i)));
    }
    assertEquals(treeHash(DemoTasks.datasetDir(reference)), treeHash(DemoTasks.datasetDir(shared)));
    assertNoTemps(shared);
    assertFalse(Files.exists(shared.resolve("RAW/DSET_demo/.locks")));
  }

  /** Fill ratio of the shape's bounding box: circle ~0.79, square ~1, triangle ~0.5 (position and size invariant). */
  private static double fillRatio(BufferedImage img) {
    boolean[][] fg = new boolean[32][32];
    int[] rows = new int[32];
    int[] cols = new int[32];
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int px = img.getRGB(x, y);
        double v = (((px >> 16) & 0xFF) + ((px >> 8) & 0xFF) + (px & 0xFF)) / 3.0;
        fg[y][x] = v > 115;
        if (fg[y][x]) {
          rows[y]++;
          cols[x]++;
        }
      }
    }
    int y0 = 0;
    int y1 = 31;
    int x0 = 0;
    int x1 = 31;
    while (y0 < 31 && rows[y0] < 2) {
      y0++;
    }
    while (y1 > 0 && rows[y1] < 2) {
      y1--;
    }
    while (x0 < 31 && cols[x0] < 2) {
      x0++;
    }
    while (x1 > 0 && cols[x1] < 2) {
      x1--;
    }
    int in = 0;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        in += fg[y][x] ? 1 : 0;
      }
    }
    return in / (double) Math.max(1, (y1 - y0 + 1) * (x1 - x0 + 1));
  }

  @Test
  void shapesAreClearlySeparable() throws Exception {
    DemoTasks.ensureInstalled(tmp);
    TaskStruct s = TaskStruct.of(TaskIndex.scan(tmp), "demo_shapes");
    int correct = 0;
    for (Map<String, Object> e : s.description().testSamples().values()) {
      double r = fillRatio(ImageIO.read(s.resolveSample((String) e.get("image")).toFile()));
      int guess = r > 0.9 ? 1 : r > 0.65 ? 0 : 2;
      correct += guess == (Integer) e.get("class") ? 1 : 0;
    }
    double acc = correct / (double) s.description().testSamples().size();
    assertTrue(acc >= 0.9, "a hand-made fill-ratio rule reaches only " + acc);
  }
}
