package io.mml.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.run.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10.6: a process killed inside {@link AtomicFiles#write} leaves {@code .<name>.<digits>.tmp}
 * next to the file; {@link FileManager#removeStaleTempFiles()} (continue, clean) deletes exactly
 * those of the paths the run claimed and nothing else.
 */
class StaleTempFilesTest {
  @TempDir Path tmp;

  private FileManager fm(String run) {
    return FileManager.builder(tmp.resolve("data"), tmp.resolve("results"), "proj",
            tmp.resolve("results/proj/runs/2024-01-01").resolve(run))
        .key(PathKey.builder("distances").file("distances.csv").reusable().build()).build();
  }

  /** A temp file exactly as {@link AtomicFiles#write} names it, as if the writer died before the rename. */
  private static Path strandedTempOf(Path target) throws Exception {
    return Files.createTempFile(target.getParent(), AtomicFiles.tempPrefix(target.getFileName().toString()),
        AtomicFiles.TEMP_SUFFIX);
  }

  @Test
  void theRecognisedNamesAreTheNamesAtomicFilesWrites() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("d")).resolve("model_storage_fold0_0000.json");
    String name = strandedTempOf(target).getFileName().toString();
    assertTrue(name.startsWith(".model_storage_fold0_0000.json.") && name.endsWith(".tmp"), name);
    assertTrue(AtomicFiles.isTempOf(name, target.getFileName().toString()), name);
    assertTrue(AtomicFiles.isTemp(name), name);
    assertFalse(AtomicFiles.isTempOf(name, "model_storage_fold0_0001.json"));
    assertFalse(AtomicFiles.isTempOf(".model_storage_fold0_0000.json.abc.tmp", "model_storage_fold0_0000.json"));
    assertFalse(AtomicFiles.isTempOf(".model_storage_fold0_0000.json..tmp", "model_storage_fold0_0000.json"));
    assertFalse(AtomicFiles.isTemp("model_storage_fold0_0000.json"));
    // a complete write leaves no temp file behind
    AtomicFiles.writeString(target, "{}");
    try (var s = Files.list(target.getParent())) {
      assertEquals(1, s.filter(p -> AtomicFiles.isTemp(p.getFileName().toString())).count());
    }
  }

  @Test
  void removesOnlyTheTempFilesOfClaimedPaths() throws Exception {
    FileManager fm = fm("10-00-00-000");
    Path claimed = fm.constructSavingPath("models", "t", "model_storage_fold0.json");
    assertEquals("model_storage_fold0_0000.json", claimed.getFileName().toString());
    Path stale = strandedTempOf(claimed);
    Path stale2 = strandedTempOf(claimed);
    // next to it: another run's claim with its own in-flight temp, a plain file, a look-alike name
    Path othersTemp = strandedTempOf(claimed.resolveSibling("model_storage_fold0_0001.json"));
    Path unrelated = Files.writeString(claimed.resolveSibling("notes.txt"), "keep");
    Path lookAlike = Files.writeString(claimed.resolveSibling(".model_storage_fold0_0000.json.x1.tmp"), "keep");
    // a claimed folder (as predicted masks are written) with a temp file inside
    Path maskClaim = fm.constructSavingPath("predictions", "t", "masks_test_fold0.dir");
    Files.delete(maskClaim);
    Path mask = Files.createDirectories(maskClaim.resolve("masks/test")).resolve("s1.png");
    AtomicFiles.write(mask, new byte[] {1});
    Path maskTemp = strandedTempOf(mask);
    // the run folder's own files are written the same way
    Path dumpTemp = strandedTempOf(fm.runDir().resolve(RunFolder.STRUCTS));
    // a project-wide un-numbered file is shared by the project's runs: its temp may be another run's
    Path shared = fm.constructSavingPath("distances", null);
    Path sharedTemp = strandedTempOf(shared);

    List<Path> removed = fm.removeStaleTempFiles();

    assertEquals(Set.of(stale, stale2, maskTemp, dumpTemp), Set.copyOf(removed));
    for (Path gone : removed) {
      assertFalse(Files.exists(gone), gone.toString());
    }
    for (Path kept : List.of(claimed, othersTemp, unrelated, lookAlike, mask, shared, sharedTemp)) {
      assertTrue(Files.exists(kept), kept + " must stay");
    }
    assertEquals(List.of(), fm.removeStaleTempFiles(), "nothing left the second time");
  }

  @Test
  void aFilterLimitsTheClaimsAndAnotherRunIsReadThroughForRun() throws Exception {
    FileManager killed = fm("10-00-00-000");
    Path a = killed.constructSavingPath("models", "a");
    Path b = killed.constructSavingPath("models", "b");
    Path tempA = strandedTempOf(a);
    Path tempB = strandedTempOf(b);
    // e.g. clean: a later run's manager reads what the killed run claimed
    FileManager other = fm("11-00-00-000").forRun(killed.runDir());
    assertEquals(killed.runDir(), other.runDir());
    assertEquals(List.of(tempA), other.removeStaleTempFiles(c -> "a".equals(c.task())));
    assertTrue(Files.exists(tempB));
    assertEquals(Set.of(tempB), other.removeStaleTempFiles().stream().collect(Collectors.toSet()));
  }

  @Test
  void aClaimDiscardedAsUnfinishedStillLosesItsTempFiles() throws Exception {
    FileManager fm = fm("10-00-00-000");
    fm.beginStep("test[task=t]");
    Path claimed = fm.constructSavingPath("models", "t");
    Path stale = strandedTempOf(claimed);
    assertEquals(List.of(claimed), fm.discardUnfinishedArtifacts(Set.of()));
    assertEquals(List.of(stale), fm.removeStaleTempFiles());
  }
}
