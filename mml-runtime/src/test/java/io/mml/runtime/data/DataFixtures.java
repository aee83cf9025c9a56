package io.mml.runtime.data;

import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskFiles;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskStruct;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/** Synthetic tasks written to a temp folder for data tests. */
final class DataFixtures {
  private DataFixtures() {}

  /** Writes an RGB PNG with seeded noise. */
  static void png(Path file, int w, int h, long seed) throws IOException {
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  /** Writes a grey mask PNG whose label is {@code x * labels / w}. */
  static void mask(Path file, int w, int h, int labels) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, x * labels / w);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  /**
   * A classification task with {@code counts[c]} training samples of class c (8x8 PNGs), split
   * round-robin into {@code folds} folds, plus 3 test and 2 unlabelled samples.
   */
  static TaskStruct classification(Path dir, String name, int[] counts, int folds) throws IOException {
    TreeMap<Integer, String> idx = new TreeMap<>();
    Map<String, Long> occ = new LinkedHashMap<>();
    for (int c = 0; c < counts.length; c++) {
      idx.put(c, "c" + c);
      occ.put("c" + c, (long) counts[c]);
    }
    Map<String, Map<String, Object>> train = new LinkedHashMap<>();
    List<List<String>> f = new ArrayList<>();
    for (int i = 0; i < folds; i++) {
      f.add(new ArrayList<>());
    }
    int k = 0;
    for (int c = 0; c < counts.length; c++) {
      for (int i = 0; i < counts[c]; i++, k++) {
        String id = name + "_s" + k;
        png(dir.resolve("img/" + id + ".png"), 8, 8, k);
        train.put(id, Map.of("image", "img/" + id + ".png", "class", c));
        f.get(k % folds).add(id);
      }
    }
    Map<String, Map<String, Object>> test = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      String id = name + "_t" + i;
      png(dir.resolve("img/" + id + ".png"), 8, 8, 1000 + i);
      test.put(id, Map.of("image", "img/" + id + ".png", "class", i % counts.length));
    }
    Map<String, Map<String, Object>> unl = new LinkedHashMap<>();
    for (int i = 0; i < 2; i++) {
      String id = name + "_u" + i;
      png(dir.resolve("img/" + id + ".png"), 8, 8, 2000 + i);
      unl.put(id, Map.of("image", "img/" + id + ".png"));
    }
    Map<String, List<String>> mods = new LinkedHashMap<>();
    mods.put("class", List.of());
    mods.put("image", List.of(".png"));
    TaskHeader h = new TaskHeader(name, "classification", List.of(), mods, List.of(0.5, 0.5, 0.5),
        List.of(0.25, 0.25, 0.25), List.of(8, 8, 8, 8), idx, occ, folds, k, "test task", "MIT", "2024", "", "", "");
    return write(dir, new TaskDescription(h, f, train, test, unl));
  }

  /** A segmentation task: 4 training samples of 8x6 (w x h) with masks (one EMPTY_MASK), 2 folds. */
  static TaskStruct segmentation(Path dir, String name) throws IOException {
    Map<String, Map<String, Object>> train = new LinkedHashMap<>();
    List<List<String>> f = List.of(new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      String id = name + "_s" + i;
      png(dir.resolve("img/" + id + ".png"), 8, 6, i);
      String mask = i == 3 ? TaskDescriptions.EMPTY_MASK : "mask/" + id + ".png";
      if (i != 3) {
        mask(dir.resolve(mask), 8, 6, 3);
      }
      train.put(id, Map.of("image", "img/" + id + ".png", "mask", mask));
      f.get(i % 2).add(id);
    }
    Map<String, List<String>> mods = new LinkedHashMap<>();
    mods.put("image", List.of(".png"));
    mods.put("mask", List.of(".png"));
    TreeMap<Integer, String> idx = new TreeMap<>(Map.of(0, "bg", 1, "a", 2, "b"));
    TaskHeader h = new TaskHeader(name, "semantic_segmentation", List.of(), mods, List.of(0.5, 0.5, 0.5),
        List.of(0.25, 0.25, 0.25), List.of(6, 6, 8, 8), idx, Map.of(), 2, 4, "seg", "MIT", "2024", "", "", "");
    return write(dir, new TaskDescription(h, f, train, Map.of(), Map.of()));
  }

  static TaskStruct write(Path dir, TaskDescription d) {
    Path file = TaskFiles.descriptionFile(dir, d.header().name());
    TaskDescriptions.write(file, d);
    return new TaskStruct(d.header().name(), d.header(), file);
  }
}
