package io.mml.runtime.post;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.data.decoded.DataFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionCsvTest {
  @TempDir
  Path tmp;

  @Test
  void writtenPredictionsReadBackAsTheSameProbabilities() throws Exception {
    ClassPredictions p = new ClassPredictions(List.of("a", "b,c", "d"), new int[] {0, 2, ClassPredictions.UNLABELLED},
        new double[][] {{2, 0, -1}, {0, 0, 5}, {-30, 0, 0}});
    Path file = tmp.resolve("p.csv");
    PredictionCsv.write(file, "test", p);
    List<String> lines = Files.readAllLines(file);
    assertEquals("split,sample_id,target,prediction,score_0,score_1,score_2", lines.get(0));
    assertTrue(lines.get(2).startsWith("test,\"b,c\",2,2,"), lines.get(2));
    assertTrue(lines.get(3).startsWith("test,d,,1,0.000000,"), lines.get(3));
    ClassPredictions back = PredictionCsv.read(file, 3);
    assertEquals(p.sampleIds(), back.sampleIds());
    assertArrayEquals(p.labels(), back.labels());
    double[][] expected = p.probabilities();
    double[][] actual = back.probabilities();
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 2e-6, "row " + i);
    }
    assertEquals(Math.log(ClassPredictions.PROBABILITY_FLOOR), back.logits()[2][0], 1e-12,
        "a written 0.000000 reads as the floor");
  }

  @Test
  void aFileOfAnotherTaskIsAClearError() throws Exception {
    Path file = tmp.resolve("p.csv");
    PredictionCsv.write(file, "test", new ClassPredictions(List.of("a"), new int[] {0}, new double[][] {{1, 0}}));
    DataFileException e = assertThrows(DataFileException.class, () -> PredictionCsv.read(file, 3));
    assertTrue(e.getMessage().contains("score_2") && e.getMessage().contains("mml predict"), e.getMessage());
    Files.writeString(file, "split,sample_id,target,prediction,score_0,score_1\ntest,a,x,0,0.5,0.5\n");
    e = assertThrows(DataFileException.class, () -> PredictionCsv.read(file, 2));
    assertTrue(e.getMessage().contains("row 2 has target 'x'"), e.getMessage());
  }
}
