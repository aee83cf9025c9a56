package io.mml.runtime.tasks.create;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Generated images, masks and trees for the creation tests. */
final class Fixtures {
  private Fixtures() {}

  /** A w x h RGB image of one colour. */
  static Path rgb(Path file, int w, int h, int r, int g, int b) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    String fmt = file.toString().endsWith(".jpg") ? "jpg" : file.toString().endsWith(".bmp") ? "bmp" : "png";
    ImageIO.write(img, fmt, file.toFile());
    return file;
  }

  static Path png(Path file) throws IOException {
    return rgb(file, 8, 6, 100, 150, 200);
  }

  /** A grey mask whose left half is {@code a} and right half {@code b}. */
  static Path mask(Path file, int w, int h, int a, int b) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, x < w / 2 ? a : b);
      }
    }
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  /** train/{a,b}/ with n images each, test/{a,b}/ with 2 each, unlabelled/ with 3. */
  static Path folderTree(Path root, int n) throws IOException {
    for (String c : List.of("a", "b")) {
      for (int i = 0; i < n; i++) {
        rgb(root.resolve("train/" + c + "/" + c + i + ".png"), 8, 6 + i % 3, c.equals("a") ? 255 : 0, 0, 0);
      }
      for (int i = 0; i < 2; i++) {
        png(root.resolve("test/" + c + "/t" + i + ".png"));
      }
    }
    for (int i = 0; i < 3; i++) {
      png(root.resolve("unlabelled/u" + i + ".png"));
    }
    Files.writeString(root.resolve("train/README.txt"), "ignored");
    return root;
  }

  /** Truncates a file to half its size. */
  static void truncate(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
  }

  /** No description and no dataset folder of {@code dataset}; no staging folders left. */
  static void assertNothingLeft(Path dataRoot, String dataset) throws IOException {
    assertFalse(Files.exists(dataRoot.resolve("RAW/DSET_" + dataset)), "dataset folder left behind");
    if (Files.isDirectory(dataRoot.resolve("RAW"))) {
      try (Stream<Path> s = Files.walk(dataRoot.resolve("RAW"))) {
        List<Path> left = s.filter(p -> p.getFileName().toString().startsWith(TaskImport.STAGING_PREFIX)
            || p.getFileName().toString().startsWith("TASK_")).toList();
        assertTrue(left.isEmpty(), "left behind: " + left);
      }
    }
  }
}
