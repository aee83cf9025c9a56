package io.mml.runtime.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cli.Cli;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskHeader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pp mode through the CLI on the demo tasks. */
class PreprocessModeTest {
  @TempDir
  Path tmp;

  private int mml(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "data_dir=" + tmp.resolve("data");
    all[args.length + 1] = "out_dir=" + tmp.resolve("results");
    return Cli.run(all);
  }

  private long runFolders() throws java.io.IOException {
    Path runs = tmp.resolve("results/default/runs");
    try (var s = Files.walk(runs, 2)) {
      return s.filter(p -> runs.relativize(p).getNameCount() == 2).count();
    }
  }

  @Test
  void ppWritesResizedCopiesWithNewStatisticsAndLaterRunsReadThem() throws Exception {
    assertEquals(0, mml("pp", "tasks=demo", "task_list=[demo_stripes]", "preprocessing=size64"));
    Path dir = tmp.resolve("data/PREPROCESSED/size64");
    assertTrue(Files.exists(dir.resolve("_definition.yaml")));
    Path desc = dir.resolve("DSET_demo/TASK_demo_stripes.json");
    TaskHeader h = TaskDescriptions.readHeader(desc);
    assertEquals(List.of(64, 64, 64, 64), h.sizes());
    String firstImage = TaskDescriptions.read(desc).trainSamples().values().iterator().next().get("image").toString();
    BufferedImage img = ImageIO.read(dir.resolve("DSET_demo").resolve(firstImage).toFile());
    assertEquals(64, img.getWidth());
    // The raw task keeps its 32x32 images.
    TaskHeader raw = TaskDescriptions.readHeader(tmp.resolve("data/RAW/DSET_demo/TASK_demo_stripes.json"));
    assertEquals(List.of(32, 32, 32, 32), raw.sizes());
    // info with preprocessing=size64 reads the copy.
    assertEquals(0, mml("info", "tasks=demo", "task_list=[demo_stripes]", "preprocessing=size64",
        "mode.subroutines=[tasks]"));
  }

  @Test
  void anotherPipelineUnderTheSameIdIsRefusedBeforeAnythingIsWritten() throws Exception {
    assertEquals(0, mml("pp", "tasks=demo", "task_list=[demo_tissue]", "preprocessing=size32"));
    long runs = runFolders();
    assertEquals(2, mml("pp", "tasks=demo", "task_list=[demo_tissue]", "preprocessing=size32",
        "preprocessing.pipeline=[]"));
    assertEquals(runs, runFolders(), "no new run folder");
    assertEquals(2, mml("pp", "tasks=demo"), "pp without a preprocessing");
    assertFalse(Files.exists(tmp.resolve("data/PREPROCESSED/none")));
  }
}
