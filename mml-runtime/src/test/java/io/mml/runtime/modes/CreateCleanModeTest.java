package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.cli.Cli;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskIndex;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the command line: create, info on the new task, bad input, clean. */
class CreateCleanModeTest {
  @TempDir Path tmp;

  private int cli(List<String> errOut, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("data_dir=" + tmp.resolve("data"));
    all.add("out_dir=" + tmp.resolve("out"));
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return Cli.run(all.toArray(String[]::new));
    } finally {
      System.setErr(oldErr);
      errOut.add(err.toString(StandardCharsets.UTF_8));
    }
  }

  private static void png(Path f, int v) throws IOException {
    Files.createDirectories(f.getParent());
    BufferedImage img = new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, v);
    ImageIO.write(img, "png", f.toFile());
  }

  private Path tree() throws IOException {
    Path src = tmp.resolve("src");
    for (String c : List.of("benign", "malignant")) {
      for (int i = 0; i < 5; i++) {
        png(src.resolve("train/" + c + "/" + i + ".png"), i);
      }
    }
    return src;
  }

  @Test
  void createThenInfoThenBadInputThenClean() throws IOException {
    Path src = tree();
    List<String> err = new ArrayList<>();
    assertEquals(0, cli(err, "create", "mode.importer=folder", "mode.source=" + src, "mode.task=skin",
        "mode.folds=5"), err.toString());
    Path desc = tmp.resolve("data/RAW/DSET_skin/TASK_skin.json");
    assertEquals(5, TaskDescriptions.readHeader(desc).numFolds());
    assertTrue(TaskIndex.scan(tmp.resolve("data")).contains("skin"));
    assertEquals(0, cli(err, "info", "task_list=[skin]"), err.toString());

    // the same name again: a clear configuration error
    assertEquals(2, cli(err, "create", "mode.source=" + src, "mode.task=skin"));
    assertTrue(err.get(err.size() - 1).contains("already exists"), err.toString());

    // a corrupt image: exit 2, the file named, nothing left
    Files.write(src.resolve("train/benign/3.png"), new byte[] {1, 2, 3});
    assertEquals(2, cli(err, "create", "mode.source=" + src, "mode.task=broken"));
    assertTrue(err.get(err.size() - 1).contains("3.png"), err.toString());
    assertFalse(Files.exists(tmp.resolve("data/RAW/DSET_broken")));

    // missing mode.task
    assertEquals(2, cli(err, "create", "mode.source=" + src));
    assertTrue(err.get(err.size() - 1).contains("mode.task"), err.toString());

    // clean: temp left-overs and downloads of the task's dataset
    Path temp = tmp.resolve("data/RAW/DSET_skin/temp_123.json");
    Files.writeString(temp, "{}");
    Path stale = tmp.resolve("data/RAW/DSET_skin/.TASK_skin.json.99.tmp");
    Files.writeString(stale, "{");
    Path dl = tmp.resolve("data/DOWNLOADS/skin/x.bin");
    Files.createDirectories(dl.getParent());
    Files.write(dl, new byte[4096]);
    Path otherDl = tmp.resolve("data/DOWNLOADS/other/y.bin");
    Files.createDirectories(otherDl.getParent());
    Files.write(otherDl, new byte[10]);
    // ... and the temp files a killed write left next to a run's artifacts (issue 10.6)
    FileManager killed = FileManager.builder(tmp.resolve("data"), tmp.resolve("out"), "default",
        tmp.resolve("out/default/runs/2024-01-01/10-00-00-000")).build();
    Path model = killed.constructSavingPath("models", "skin", "model_storage_fold0.json");
    Path modelTemp = model.resolveSibling("." + model.getFileName() + ".4711.tmp");
    Files.writeString(modelTemp, "{\"half");
    Path otherTaskTemp = killed.constructSavingPath("models", "other").resolveSibling(".model_0000.json.5.tmp");
    Files.writeString(otherTaskTemp, "{");
    assertEquals(0, cli(err, "clean", "task_list=[skin]"), err.toString());
    assertFalse(Files.exists(temp) || Files.exists(stale) || Files.exists(dl.getParent()));
    assertTrue(Files.exists(otherDl) && Files.exists(desc));
    assertFalse(Files.exists(modelTemp), "stale temp of a claimed artifact of task skin");
    assertTrue(Files.exists(model) && Files.exists(otherTaskTemp), "the claim itself and other tasks' files stay");
    assertEquals(0, cli(err, "clean", "mode.all=true", "mode.subroutines=[download]"), err.toString());
    assertFalse(Files.exists(otherDl));
    assertTrue(Files.exists(otherTaskTemp));
    assertEquals(0, cli(err, "clean", "mode.all=true", "mode.subroutines=[temp]"), err.toString());
    assertFalse(Files.exists(otherTaskTemp));
    assertTrue(TaskIndex.scan(tmp.resolve("data")).contains("skin"));
  }

  @Test
  void archiveThroughTheCommandLine() throws IOException {
    Path src = tree();
    Path zip = tmp.resolve("skin.zip");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip)); var s = Files.walk(src)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new java.util.zip.ZipEntry("skin/" + src.relativize(p)));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
    }
    List<String> err = new ArrayList<>();
    assertEquals(0, cli(err, "create", "mode.source=" + zip, "mode.task=zipped", "mode.folds=2"), err.toString());
    assertEquals(10, TaskDescriptions.readHeader(tmp.resolve("data/RAW/DSET_zipped/TASK_zipped.json")).numSamples());
    assertEquals("2.0 KiB", CleanScheduler.size(2048));
  }
}
