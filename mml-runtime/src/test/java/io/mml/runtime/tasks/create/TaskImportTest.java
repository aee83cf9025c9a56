package io.mml.runtime.tasks.create;

import static io.mml.runtime.tasks.create.Fixtures.assertNothingLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.files.FileTrees;
import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskImportTest {
  @TempDir Path tmp;

  private Path data() {
    return tmp.resolve("data");
  }

  private TaskImport.Request req(String importer, Path source, String task, String type, Map<String, Object> opts) {
    return new TaskImport.Request(data(), importer, source, task, null, type, opts, 3, 7, 2, false);
  }

  private TaskException fails(TaskImport.Request r, String... parts) {
    TaskException e = assertThrows(TaskException.class, () -> TaskImport.create(r));
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
    }
    return e;
  }

  // ------------------------------------------------------------------------------------- folder

  @Test
  void folderImportCopiesDataVerifiesAndIndexes() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 6);
    Path file = TaskImport.create(req("folder", src, "shapes", null, Map.of()));
    assertEquals(data().resolve("RAW/DSET_shapes/TASK_shapes.json"), file);
    TaskDescription d = TaskDescriptions.read(file);
    TaskHeader h = d.header();
    assertEquals("classification", h.taskType());
    assertEquals(Map.of(0, "a", 1, "b"), h.idxToClass());
    assertEquals(Map.of("a", 6L, "b", 6L), h.classOcc());
    assertEquals(3, h.numFolds());
    assertEquals(12, h.numSamples());
    assertEquals(4, d.testSamples().size());
    assertEquals(3, d.unlabelledSamples().size());
    assertEquals(List.of(6, 8, 8, 8), h.sizes());
    assertEquals(List.of(".png"), h.modalities().get("image"));
    Map<String, Object> s = d.trainSamples().get("train/a/a0");
    assertEquals("shapes/train/a/a0.png", s.get("image"));
    assertEquals(0, s.get("class"));
    // the copy does not depend on the source surviving
    FileTrees.deleteTree(src);
    assertTrue(Files.isRegularFile(data().resolve("RAW/DSET_shapes/shapes/train/a/a0.png")));
    TaskIndex index = TaskIndex.scan(data());
    assertTrue(index.contains("shapes"));
    assertEquals(12, index.header("shapes").numSamples());
    try (var st = Files.list(data().resolve("RAW"))) {
      assertEquals(List.of("DSET_shapes"), st.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void foldsAreBalancedAndSeeded() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 9);
    TaskDescription d = TaskDescriptions.read(TaskImport.create(req("folder", src, "t1", null, Map.of())));
    for (List<String> fold : d.trainFolds()) {
      assertEquals(6, fold.size());
      assertEquals(3, fold.stream().filter(id -> id.startsWith("train/a/")).count());
    }
    TaskDescription again = TaskDescriptions.read(TaskImport.create(
        new TaskImport.Request(data(), "folder", src, "t2", "t1", null, Map.of(), 3, 7, 1, false)));
    assertEquals(d.trainFolds(), again.trainFolds(), "same seed, same folds (also with another thread count)");
    assertEquals(d.header().means(), again.header().means());
    TaskDescription other = TaskDescriptions.read(TaskImport.create(
        new TaskImport.Request(data(), "folder", src, "t3", "t1", null, Map.of(), 3, 8, 2, false)));
    assertTrue(!d.trainFolds().equals(other.trainFolds()), "another seed, other folds");
  }

  @Test
  void existingTaskIsAnErrorUnlessOverwrite() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    TaskImport.create(req("folder", src, "dup", null, Map.of()));
    fails(req("folder", src, "dup", null, Map.of()), "already exists", "mode.overwrite=true", "mode.task");
    Path f = TaskImport.create(new TaskImport.Request(data(), "folder", src, "dup", null, null, Map.of(), 3, 7, 2,
        true));
    assertEquals(6, TaskDescriptions.readHeader(f).numSamples());
  }

  @Test
  void corruptImageNamesTheFile() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    Files.write(src.resolve("train/a/a1.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    fails(req("folder", src, "bad", null, Map.of()), "train/a/a1", "a1.png");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void truncatedImageNamesTheFile() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    Fixtures.rgb(src.resolve("train/b/big.png"), 64, 64, 1, 2, 3);
    Fixtures.truncate(src.resolve("train/b/big.png"));
    fails(req("folder", src, "bad", null, Map.of()), "big.png", "corrupt or truncated");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void truncatedJpegNamesTheFile() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    Path jpg = src.resolve("train/b/photo.jpg");
    Fixtures.rgb(jpg, 64, 64, 10, 200, 30);
    Fixtures.truncate(jpg);
    fails(req("folder", src, "bad", null, Map.of()), "photo.jpg");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void unreadableFileNamesTheFile() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    Path f = src.resolve("train/a/a2.png");
    Assumptions.assumeTrue(f.toFile().setReadable(false, false) && !Files.isReadable(f),
        "running with rights that read any file (root)");
    try {
      fails(req("folder", src, "bad", null, Map.of()), "a2.png", "not readable");
      assertNothingLeft(data(), "bad");
    } finally {
      f.toFile().setReadable(true, false);
    }
  }

  @Test
  void duplicateSampleIdsAreNamed() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    Fixtures.rgb(src.resolve("train/a/a0.bmp"), 8, 8, 1, 2, 3);
    fails(req("folder", src, "bad", null, Map.of()), "duplicate sample id 'train/a/a0'");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void classWithoutSamplesIsNamed() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    Files.createDirectories(src.resolve("train/empty"));
    fails(req("folder", src, "bad", null, Map.of()), "class 'empty' has no training samples");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void singleClassIsRejected() throws IOException {
    Path src = tmp.resolve("src");
    for (int i = 0; i < 4; i++) {
      Fixtures.png(src.resolve("train/only/x" + i + ".png"));
    }
    fails(req("folder", src, "bad", null, Map.of()), "at least 2 classes");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void testClassUnknownToTrainIsNamed() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    Fixtures.png(src.resolve("test/zebra/z.png"));
    fails(req("folder", src, "bad", null, Map.of()), "zebra");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void fewerSamplesThanFoldsIsAnError() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 1);
    fails(req("folder", src, "bad", null, Map.of()), "fewer than the 3 folds");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void failedOverwriteKeepsTheOldTask() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    Path f = TaskImport.create(req("folder", src, "keep", null, Map.of()));
    byte[] before = Files.readAllBytes(f);
    Files.write(src.resolve("train/a/a1.png"), new byte[] {1, 2, 3});
    assertThrows(TaskException.class, () -> TaskImport.create(new TaskImport.Request(data(), "folder", src, "keep",
        null, null, Map.of(), 3, 7, 2, true)));
    assertEquals(new String(before), new String(Files.readAllBytes(f)));
    assertTrue(Files.isRegularFile(data().resolve("RAW/DSET_keep/keep/train/a/a1.png")));
  }

  /** Issue 10.6: one rule for links in a source folder: followed, to files and to class folders alike. */
  @Test
  void symlinkedClassFolderAndSymlinkedFileAreImportedLikeRealOnes() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 6);
    // train/b and test/b live elsewhere and are linked in; train/a gets one linked image
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.move(src.resolve("train/b"), elsewhere.resolve("train-b"));
    Files.move(src.resolve("test/b"), elsewhere.resolve("test-b"));
    try {
      Files.createSymbolicLink(src.resolve("train/b"), elsewhere.resolve("train-b"));
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("no symbolic links on this file system: " + e);
    }
    Files.createSymbolicLink(src.resolve("test/b"), elsewhere.resolve("test-b"));
    Path linkedImage = Fixtures.png(elsewhere.resolve("extra.png"));
    Files.createSymbolicLink(src.resolve("train/a/a_linked.png"), linkedImage);

    TaskDescription d = TaskDescriptions.read(TaskImport.create(req("folder", src, "linked", null, Map.of())));
    assertEquals(Map.of(0, "a", 1, "b"), d.header().idxToClass());
    assertEquals(Map.of("a", 7L, "b", 6L), d.header().classOcc());
    for (int i = 0; i < 6; i++) {
      assertEquals(1, d.trainSamples().get("train/b/b" + i).get("class"));
    }
    assertEquals(0, d.trainSamples().get("train/a/a_linked").get("class"));
    assertEquals(4, d.testSamples().size());
    // copies, not links: the task survives its sources
    Path copied = data().resolve("RAW/DSET_linked/linked/train/b/b0.png");
    assertTrue(Files.isRegularFile(copied, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isRegularFile(data().resolve("RAW/DSET_linked/linked/train/a/a_linked.png"),
        java.nio.file.LinkOption.NOFOLLOW_LINKS));
    FileTrees.deleteTree(elsewhere);
    assertTrue(Files.isRegularFile(copied));
  }

  @Test
  void aLinkLoopInASourceFolderIsNamed() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("src"), 3);
    try {
      Files.createSymbolicLink(src.resolve("train/a/again"), src.resolve("train/a"));
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("no symbolic links on this file system: " + e);
    }
    fails(req("folder", src, "loop", null, Map.of()), "train/a/again", "points back");
    assertNothingLeft(data(), "loop");
  }

  // ---------------------------------------------------------------------------------------- csv

  private Path csvTree(String header, String... rows) throws IOException {
    Path dir = tmp.resolve("csv");
    for (int i = 0; i < 8; i++) {
      Fixtures.rgb(dir.resolve("img/i" + i + ".png"), 4, 4, i * 30, 0, 0);
    }
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (String r : rows) {
      sb.append(r).append('\n');
    }
    Files.writeString(dir.resolve("labels.csv"), sb.toString());
    return dir.resolve("labels.csv");
  }

  @Test
  void csvClassification() throws IOException {
    Path csv = csvTree("path,label,split", "img/i0.png,cat,train", "img/i1.png,cat,", "img/i2.png,dog,train",
        "img/i3.png,dog,train", "img/i4.png,cat,test", "img/i5.png,,unlabelled", "img/i6.png,dog,train",
        "\"img/i7.png\",cat,train");
    TaskDescription d = TaskDescriptions.read(TaskImport.create(req("csv", csv, "pets", null, Map.of())));
    assertEquals(Map.of(0, "cat", 1, "dog"), d.header().idxToClass());
    assertEquals(6, d.trainSamples().size());
    assertEquals(1, d.testSamples().size());
    assertEquals(1, d.unlabelledSamples().size());
    assertEquals(1, d.trainSamples().get("img/i2").get("class"));
    assertEquals("pets/img/i2.png", d.trainSamples().get("img/i2").get("image"));
  }

  @Test
  void csvMultilabel() throws IOException {
    Path csv = csvTree("path,label", "img/i0.png,a;b", "img/i1.png,b|c", "img/i2.png,a", "img/i3.png,c;a");
    TaskDescription d = TaskDescriptions.read(TaskImport.create(req("csv", csv, "ml", "multilabel_classification",
        Map.of())));
    assertEquals("multilabel_classification", d.header().taskType());
    assertEquals(List.of(0, 1), d.trainSamples().get("img/i0").get("classes"));
    assertEquals(List.of(1, 2), d.trainSamples().get("img/i1").get("classes"));
    assertEquals(Map.of("a", 3L, "b", 2L, "c", 2L), d.header().classOcc());
  }

  @Test
  void csvRegression() throws IOException {
    Path csv = csvTree("id,path,label", "s0,img/i0.png,1.5", "s1,img/i1.png,-2", "s2,img/i2.png,3e2",
        "s3,img/i3.png,0");
    TaskDescription d = TaskDescriptions.read(TaskImport.create(req("csv", csv, "reg", "regression", Map.of())));
    assertEquals(300.0, d.trainSamples().get("s2").get("value"));
    assertTrue(d.header().idxToClass().isEmpty());
  }

  @Test
  void csvMissingFieldNamesFileAndRow() throws IOException {
    Path csv = csvTree("path,label,split", "img/i0.png,cat,train", "img/i1.png", "img/i2.png,dog,train");
    fails(req("csv", csv, "bad", null, Map.of()), "labels.csv", "row 3", "missing field 'label'");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void csvBadNumberNamesRow() throws IOException {
    Path csv = csvTree("path,label", "img/i0.png,1", "img/i1.png,2", "img/i2.png,three", "img/i3.png,4");
    fails(req("csv", csv, "bad", "regression", Map.of()), "row 4", "three");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void csvPathEscapingItsFolderNamesRow() throws IOException {
    Path csv = csvTree("path,label", "img/i0.png,a", "../outside.png,b", "img/i2.png,a", "img/i3.png,b");
    fails(req("csv", csv, "bad", null, Map.of()), "row 3", "escapes");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void csvDuplicateIdsNameTheRow() throws IOException {
    Path csv = csvTree("id,path,label", "x,img/i0.png,a", "y,img/i1.png,b", "x,img/i2.png,a", "z,img/i3.png,b");
    fails(req("csv", csv, "bad", null, Map.of()), "duplicate sample id 'x'", "row 4");
    assertNothingLeft(data(), "bad");
  }

  // ------------------------------------------------------------------------------- segmentation

  private Path segTree(int n) throws IOException {
    Path src = tmp.resolve("seg");
    for (int i = 0; i < n; i++) {
      Fixtures.png(src.resolve("images/s" + i + ".png"));
      Fixtures.mask(src.resolve("masks/s" + i + ".png"), 8, 6, 0, i % 2 == 0 ? 1 : 255);
    }
    return src;
  }

  @Test
  void segmentationPairsAndCountsMasks() throws IOException {
    Path src = segTree(6);
    Fixtures.mask(src.resolve("masks/s1.png"), 8, 6, 0, 1);
    TaskDescription d = TaskDescriptions.read(TaskImport.create(req("segmentation", src, "seg", null,
        Map.of("classes", List.of("background", "tumour")))));
    assertEquals("semantic_segmentation", d.header().taskType());
    assertEquals(Map.of("background", 6L, "tumour", 4L), d.header().classOcc());
    assertEquals("seg/masks/s0.png", d.trainSamples().get("s0").get("mask"));
  }

  @Test
  void segmentationWithClassMapFile() throws IOException {
    Path src = segTree(4);
    Files.writeString(tmp.resolve("classes.txt"), "# map\n0: background\n1: lesion\n");
    TaskDescription d = TaskDescriptions.read(TaskImport.create(req("segmentation", src, "seg", null,
        Map.of("class_map", tmp.resolve("classes.txt").toString()))));
    assertEquals(Map.of(0, "background", 1, "lesion"), d.header().idxToClass());
  }

  @Test
  void maskValueOutsideClassMapIsNamed() throws IOException {
    Path src = segTree(4);
    Fixtures.mask(src.resolve("masks/s2.png"), 8, 6, 0, 7);
    fails(req("segmentation", src, "bad", null, Map.of("classes", List.of("bg", "fg"))), "s2.png", "value 7",
        "sample 's2'");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void unmatchedImageOrMaskIsNamed() throws IOException {
    Path src = segTree(4);
    Fixtures.png(src.resolve("images/lonely.png"));
    fails(req("segmentation", src, "bad", null, Map.of("classes", List.of("bg", "fg"))), "lonely.png", "no mask");
    Files.delete(src.resolve("images/lonely.png"));
    Fixtures.mask(src.resolve("masks/orphan.png"), 8, 6, 0, 0);
    fails(req("segmentation", src, "bad", null, Map.of("classes", List.of("bg", "fg"))), "orphan.png", "no image");
    assertNothingLeft(data(), "bad");
  }

  @Test
  void unknownImporterListsTheKnownOnes() {
    fails(req("nope", tmp, "x", null, Map.of()), "Unknown importer 'nope'", "folder", "csv", "segmentation");
  }

  // ----------------------------------------------------------------------------------- archives

  @Test
  void zipAndTarGzArchivesAreExtractedAndImported() throws IOException {
    Path src = Fixtures.folderTree(tmp.resolve("zipsrc/wrapped"), 3);
    Path zip = ArchivesTest.zip(tmp.resolve("d.zip"), tmp.resolve("zipsrc"));
    Path f = TaskImport.create(req("folder", zip, "zipped", null, Map.of()));
    assertEquals(6, TaskDescriptions.readHeader(f).numSamples());
    assertTrue(Files.isDirectory(data().resolve("DOWNLOADS/zipped/wrapped/train")));
    Path tgz = ArchivesTest.tarGz(tmp.resolve("d.tar.gz"), src);
    Path g = TaskImport.create(req("folder", tgz, "tarred", null, Map.of()));
    assertEquals(6, TaskDescriptions.readHeader(g).numSamples());
  }

  @Test
  void zipSlipIsRefusedAndLeavesNothing() throws IOException {
    Path zip = ArchivesTest.zipWith(tmp.resolve("evil.zip"), Map.of("train/a/x.png", new byte[] {1},
        "../../evil.txt", new byte[] {2}));
    fails(req("folder", zip, "evil", null, Map.of()), "../../evil.txt", "escapes");
    assertTrue(!Files.exists(tmp.resolve("evil.txt")) && !Files.exists(data().resolve("evil.txt")));
    assertTrue(!Files.exists(data().resolve("DOWNLOADS")), "no download folder left");
    assertNothingLeft(data(), "evil");
  }

  @Test
  void statsAreCorrectOnKnownImages() throws IOException {
    Path src = tmp.resolve("known");
    // class a: pure red 4x4; class b: grey 128 2x8 (grey counts for all three channels)
    for (int i = 0; i < 2; i++) {
      Fixtures.rgb(src.resolve("train/a/r" + i + ".png"), 4, 4, 255, 0, 0);
      Fixtures.rgb(src.resolve("train/b/g" + i + ".png"), 2, 8, 51, 51, 51);
    }
    TaskHeader h = TaskDescriptions.readHeader(TaskImport.create(new TaskImport.Request(data(), "folder", src, "k",
        null, null, Map.of(), 2, 1, 3, false)));
    // 64 pixels: 32 (1,0,0) and 32 (0.2,0.2,0.2)
    assertEquals(0.6, h.means().get(0), 1e-9);
    assertEquals(0.1, h.means().get(1), 1e-9);
    assertEquals(0.4, h.stds().get(0), 1e-9);
    assertEquals(0.1, h.stds().get(1), 1e-9);
    assertEquals(List.of(4, 8, 2, 4), h.sizes());
    Set<String> ids = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    TaskDescriptions.read(data().resolve("RAW/DSET_k/TASK_k.json")).trainFolds().forEach(fold -> {
      ids.addAll(fold);
      seen.merge("n", fold.size(), Integer::sum);
    });
    assertEquals(4, ids.size());
  }
}
