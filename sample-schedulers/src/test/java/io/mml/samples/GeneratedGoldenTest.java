package io.mml.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the processor generated for this project, compared with golden files. Rewrite them with
 * {@code mvn -pl sample-schedulers verify -Dmml.updateGoldens=true} after an intended change.
 */
class GeneratedGoldenTest {
  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "target/generated-sources/annotations/io/mml/samples/BuzzScheduler_Routine.java, BuzzScheduler_Routine.java",
    "target/generated-sources/annotations/io/mml/samples/MmlMain.java, MmlMain.java",
    "target/classes/META-INF/mml/configs/mode/buzz.yaml, buzz.yaml",
    "target/classes/META-INF/services/io.mml.runtime.scheduler.Routine, io.mml.runtime.scheduler.Routine",
  })
  void generatedFileMatchesGolden(String generated, String golden) throws IOException {
    String actual = Files.readString(Path.of(generated), StandardCharsets.UTF_8);
    Path goldenFile = Path.of("src/test/resources/golden", golden);
    if (Boolean.getBoolean("mml.updateGoldens")) {
      Files.createDirectories(goldenFile.getParent());
      Files.writeString(goldenFile, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(goldenFile, StandardCharsets.UTF_8), actual,
        generated + " differs from " + goldenFile + " (rerun with -Dmml.updateGoldens=true if intended)");
  }
}
