package io.mml.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionWriterTest {
  @TempDir Path dir;

  @Test
  void classificationCsvExactly() throws IOException {
    List<PredictionWriter.Row> rows = List.of(
        new PredictionWriter.Row("test", "s1", "2", new float[] {1, 2, 3}),
        new PredictionWriter.Row("test", "a,b \"c\"", "0", new float[] {0, 0, 0}),
        new PredictionWriter.Row("val", "s3", null, new float[] {5, -5, 0}));
    String expected = "split,sample_id,target,prediction,score_0,score_1,score_2\n"
        + "test,s1,2,2,0.090031,0.244728,0.665241\n"
        + "test,\"a,b \"\"c\"\"\",0,0,0.333333,0.333333,0.333333\n"
        + "val,s3,,0,0.993262,0.000045,0.006693\n";
    assertEquals(expected, PredictionWriter.csv(TaskKind.CLASSIFICATION, 3, rows));
    Path file = dir.resolve("preds/test.csv");
    PredictionWriter.writeCsv(file, TaskKind.CLASSIFICATION, 3, rows);
    assertEquals(expected, Files.readString(file));
    try (var s = Files.list(file.getParent())) {
      assertEquals(1, s.count(), "no temp files left");
    }
  }

  @Test
  void multilabelAndRegressionCsv() {
    assertEquals("split,sample_id,target,prediction,score_0,score_1,score_2\n"
        + "train,x,0;2,0;2,0.731059,0.268941,0.500000\n"
        + "train,y,,,0.000045,0.006693,0.119203\n",
        PredictionWriter.csv(TaskKind.MULTILABEL, 3, List.of(
            new PredictionWriter.Row("train", "x", "0;2", new float[] {1, -1, 0}),
            new PredictionWriter.Row("train", "y", "", new float[] {-10, -5, -2}))));
    assertEquals("split,sample_id,target,prediction\n"
        + "test,r1,1.5,1.2345679\n"
        + "test,r2,-3,-1234567.0\n",
        PredictionWriter.csv(TaskKind.REGRESSION, 1, List.of(
            new PredictionWriter.Row("test", "r1", "1.5", new float[] {1.23456789f}),
            new PredictionWriter.Row("test", "r2", "-3", new float[] {-1234567f}))));
    assertEquals("split,sample_id,target,prediction\ntest,r,1;2,0.50000000;2.0000000\n",
        PredictionWriter.csv(TaskKind.REGRESSION, 2, List.of(
            new PredictionWriter.Row("test", "r", "1;2", new float[] {0.5f, 2f}))));
    assertThrows(IllegalArgumentException.class, () -> PredictionWriter.csv(TaskKind.CLASSIFICATION, 3,
        List.of(new PredictionWriter.Row("t", "x", "", new float[2]))));
    assertThrows(IllegalArgumentException.class, () -> PredictionWriter.csv(TaskKind.SEGMENTATION, 3, List.of()));
  }

  @Test
  void segmentationMasksAndIndex() throws IOException {
    float[][][] a = new float[3][2][3];
    a[0][0][0] = 1; // (0,0) -> 0
    a[1][0][1] = 2; // (0,1) -> 1
    a[2][0][2] = 3; // (0,2) -> 2
    a[2][1][0] = 1; // (1,0) -> 2
    a[1][1][1] = 0.5f; // (1,1) -> 1
    // (1,2): all 0 -> 0 (first on ties)
    float[][][] b = new float[3][2][3];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        b[2][y][x] = 9;
      }
    }
    Path index = PredictionWriter.writeMasks(dir, List.of(
        new PredictionWriter.MaskRow("test", "img/1", a, "masks/1.png"),
        new PredictionWriter.MaskRow("test", "img_1", b, null)));
    assertEquals("split,sample_id,mask_path,target_path\n"
        + "test,img/1,masks/test/img_1.png,masks/1.png\n"
        + "test,img_1,masks/test/img_1_2.png,\n", Files.readString(index));
    assertEquals(List.of(List.of(0, 1, 2), List.of(2, 1, 0)), pixels(dir.resolve("masks/test/img_1.png")));
    assertEquals(List.of(List.of(2, 2, 2), List.of(2, 2, 2)), pixels(dir.resolve("masks/test/img_1_2.png")));
  }

  @Test
  void tooManyClassesForEightBits() {
    assertThrows(InferException.class, () -> PredictionWriter.argmaxMask(new float[257][1][1], "s"));
  }

  private static List<List<Integer>> pixels(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
    int[] row = new int[img.getWidth()];
    return java.util.stream.IntStream.range(0, img.getHeight())
        .mapToObj(y -> java.util.Arrays.stream(img.getRaster().getPixels(0, y, row.length, 1, row)).boxed().toList())
        .toList();
  }
}
