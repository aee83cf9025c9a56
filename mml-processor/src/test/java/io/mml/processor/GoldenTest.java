package io.mml.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.mml.processor.Fixtures.compile;
import static io.mml.processor.Fixtures.fixture;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Compares generated files with {@code src/test/resources/golden/...} as text. Run with
 * {@code -Dmml.updateGoldens=true} to rewrite the golden files after an intended change.
 */
class GoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("mml.updateGoldens");

  @Test
  void sampleAndEveryKindScheduler() throws IOException {
    Compilation c = compile(fixture("io.mml.samples.BuzzScheduler"), fixture("io.mml.samples.EveryKindScheduler"));
    assertThat(c).succeededWithoutWarnings();
    check(c, "io/mml/samples/BuzzScheduler_Routine.java", Fixtures.source(c, "io.mml.samples.BuzzScheduler_Routine").orElseThrow());
    check(c, "io/mml/samples/EveryKindScheduler_Routine.java",
        Fixtures.source(c, "io.mml.samples.EveryKindScheduler_Routine").orElseThrow());
    check(c, "io/mml/samples/MmlMain.java", Fixtures.source(c, "io.mml.samples.MmlMain").orElseThrow());
    check(c, "META-INF/mml/configs/mode/buzz.yaml", resource(c, "META-INF/mml/configs/mode/buzz.yaml"));
    check(c, "META-INF/mml/configs/mode/every_kind.yaml", resource(c, "META-INF/mml/configs/mode/every_kind.yaml"));
    check(c, "META-INF/services/io.mml.runtime.scheduler.Routine",
        resource(c, "META-INF/services/io.mml.runtime.scheduler.Routine"));
  }

  @Test
  void depthModalityAndTaskTypes() throws IOException {
    Compilation c = compile(fixture("io.mml.samples.depth.Depth"), fixture("io.mml.samples.depth.DepthEstimation"),
        fixture("io.mml.samples.depth.DepthUnlabelled"), fixture("io.mml.samples.depth.DepthParts"));
    assertThat(c).succeededWithoutWarnings();
    for (String name : new String[] {"io.mml.samples.depth.Depth_ModalityProvider",
        "io.mml.samples.depth.DepthEstimation_TaskTypeProvider", "io.mml.samples.depth.DepthUnlabelled_TaskTypeProvider",
        "io.mml.registry.modality.Modality_depth", "io.mml.registry.tasktype.TaskType_depth_estimation"}) {
      check(c, name.replace('.', '/') + ".java", Fixtures.source(c, name).orElseThrow(() -> new AssertionError(name)));
    }
    for (String path : new String[] {"META-INF/mml/configs/loss/depth/default.yaml",
        "META-INF/mml/configs/metrics/depth/default.yaml", "META-INF/services/io.mml.runtime.modality.ModalityProvider",
        "META-INF/services/io.mml.runtime.tasktype.TaskTypeProvider"}) {
      check(c, path, resource(c, path));
    }
  }

  @Test
  void modesInheritingFromAModeAndFromAnAbstractBase() throws IOException {
    Compilation c = compile(fixture("io.mml.samples.inherit.TrainingScheduler"),
        fixture("io.mml.samples.inherit.TransferScheduler"), fixture("io.mml.samples.inherit.AbstractStatsScheduler"),
        fixture("io.mml.samples.inherit.StatsScheduler"));
    assertThat(c).succeededWithoutWarnings();
    for (String name : new String[] {"io.mml.samples.inherit.TransferScheduler_Routine",
        "io.mml.samples.inherit.StatsScheduler_Routine"}) {
      check(c, name.replace('.', '/') + ".java", Fixtures.source(c, name).orElseThrow(() -> new AssertionError(name)));
    }
    for (String path : new String[] {"META-INF/mml/configs/mode/tl.yaml", "META-INF/mml/configs/mode/stats.yaml"}) {
      check(c, path, resource(c, path));
    }
  }

  private static String resource(Compilation c, String path) {
    return new String(Fixtures.resource(c, path).orElseThrow(() -> new AssertionError("not generated: " + path)),
        StandardCharsets.UTF_8);
  }

  private static void check(Compilation c, String name, String actual) throws IOException {
    Path golden = GOLDEN.resolve(name + ".golden");
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertWithMessage("golden file %s is missing; run with -Dmml.updateGoldens=true", golden)
        .that(Files.exists(golden)).isTrue();
    assertWithMessage("%s differs from %s (run with -Dmml.updateGoldens=true after an intended change)", name, golden)
        .that(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
