package io.mml.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buzz sample through a real Slurm cluster (.ci/slurm/start.sh starts a single-node one). Skipped,
 * not failed, where no Slurm is installed or its controller does not answer.
 */
class BuzzSlurmTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @BeforeAll
  static void slurmIsThere() {
    String why;
    try {
      Process p = new ProcessBuilder("sinfo", "-h", "-o", "%T").redirectErrorStream(true).start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        why = "sinfo did not answer in 20 s";
      } else {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        why = p.exitValue() != 0 ? "sinfo failed: " + out
            : out.matches("(?s).*\\b(idle|mixed|allocated)\\b.*") ? null : "no usable node (sinfo: " + out + ")";
      }
    } catch (IOException e) {
      why = "no sinfo on the PATH (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = "interrupted";
    }
    if (why != null) {
      Assumptions.abort("Slurm not installed or not running: " + why + ". Start a single-node cluster with"
          + " .ci/slurm/start.sh (as root) to run these tests.");
    }
  }

  static List<String> squeue() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("squeue", "-h", "-r", "-o", "%i|%j|%T|%r").redirectErrorStream(true).start();
    p.waitFor(20, TimeUnit.SECONDS);
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void buzzOnSlurmMakesTheSameArtifactsAsLocallyAndShowsAnArrayAndADependentJob() throws Exception {
    MmlProcess local = new MmlProcess(tmp.resolve("local"));
    assertEquals(0, local.run("local", "buzz", "tasks=demo").exit());
    MmlProcess cluster = new MmlProcess(tmp.resolve("slurm"));
    Process p = cluster.start("slurm", "buzz", "tasks=demo", "executor=slurm", "executor.wait=true",
        "executor.poll_seconds=0.5", "mode.pause_ms=10");
    // While it runs, squeue lists the array tasks of a and the job of b waiting for them.
    boolean sawArray = false;
    boolean sawDependent = false;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (p.isAlive() && System.nanoTime() < deadline && !(sawArray && sawDependent)) {
      for (String line : squeue()) {
        String[] f = line.split("\\|");
        if (f.length >= 4 && f[1].equals("mml.buzz.a") && f[0].matches("\\d+_\\d+")) {
          sawArray = true;
        }
        if (f.length >= 4 && f[1].equals("mml.buzz.b") && f[2].equals("PENDING") && f[3].contains("Dependency")) {
          sawDependent = true;
        }
      }
      Thread.sleep(200);
    }
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "slurm run did not end");
    MmlProcess.Result r = cluster.result("slurm", p.exitValue());
    assertEquals(0, r.exit(), r.all());
    assertTrue(sawArray && sawDependent, "squeue showed the array of a (" + sawArray + ") and b waiting ("
        + sawDependent + ")");
    Path run = cluster.runDirs().get(0);
    // The recorded submissions: a as an array of 3, b after it, finish after b.
    List<JsonNode> subs = new ArrayList<>();
    for (String l : Files.readAllLines(run.resolve("slurm/submissions.jsonl"))) {
      subs.add(JSON.readTree(l));
    }
    assertEquals(3, subs.size());
    assertTrue(subs.get(0).get("argv").toString().contains("--array=0-2"), subs.get(0).toString());
    assertTrue(subs.get(1).get("argv").toString().contains("--dependency=afterok:" + subs.get(0).get("job_id").asText()),
        subs.get(1).toString());
    assertTrue(subs.get(1).get("argv").toString().contains("--kill-on-invalid-dep=yes"));
    // Same artifacts as the local run: names and contents (the chart as an image of the same size).
    List<String> a = relative(local.project(), List.of("CHANNEL_STATS", "BUZZ"));
    List<String> b = relative(cluster.project(), List.of("CHANNEL_STATS", "BUZZ"));
    assertEquals(a, b);
    for (String f : a) {
      if (!f.endsWith(".png")) {
        assertEquals(Files.readString(local.project().resolve(f)), Files.readString(cluster.project().resolve(f)), f);
      }
    }
    String dump = Files.readString(run.resolve(RunFolder.STRUCTS));
    String localDump = Files.readString(local.runDirs().get(0).resolve(RunFolder.STRUCTS));
    assertEquals(JSON.readTree(localDump), JSON.readTree(dump));
    MmlProcess.Result st = cluster.run("status", "status", "latest");
    assertEquals(0, st.exit(), st.all());
    assertTrue(st.stdout().contains("6 of 6 steps done"), st.stdout());
  }

  @Test
  void aFailingStepCancelsItsDependentsAndContinueFinishesWithoutRerunningFinishedSteps() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    assertEquals(0, mml.run("install", "info", "tasks=demo").exit());
    Path image;
    try (var s = Files.walk(mml.data)) {
      // A training image: buzz reads the training split (its data module's sampled()).
      image = s.filter(x -> x.toString().contains("stripes") && x.toString().contains("/train/")
          && x.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
    }
    byte[] good = Files.readAllBytes(image);
    Files.write(image, "not a png".getBytes(StandardCharsets.UTF_8));
    MmlProcess.Result r = mml.run("fail", "buzz", "tasks=demo", "executor=slurm", "executor.wait=true",
        "executor.poll_seconds=0.5");
    assertNotEquals(0, r.exit(), r.all());
    assertTrue(r.stderr().contains("a[task=demo_stripes]"), r.stderr());
    assertTrue(r.stderr().contains("logs/a.task-demo_stripes.out"), r.stderr());
    MmlProcess.Result st = mml.run("status", "status", "latest");
    String out = st.stdout();
    assertTrue(out.matches("(?s).*a\\[task=demo_stripes]\\s+FAILED.*"), out);
    assertTrue(out.contains("Image file") && out.contains(image.getFileName().toString()), out);
    assertTrue(out.contains("log: " + latest(mml).resolve("logs/a.task-demo_stripes.out")), out);
    assertTrue(out.matches("(?s).*\\bb\\s+CANCELLED.*"), out);
    assertTrue(out.matches("(?s).*finish\\s+CANCELLED.*"), out);
    assertTrue(Files.readString(latest(mml).resolve("logs/a.task-demo_stripes.out"))
        .contains(image.getFileName().toString()));

    Files.write(image, good); // the fix
    MmlProcess.Result c = mml.run("continue", "buzz", "continue=latest", "executor=slurm", "executor.wait=true",
        "executor.poll_seconds=0.5");
    assertEquals(0, c.exit(), c.all());
    Path run = latest(mml);
    assertEquals(1, attempt(run, "a.task-demo_shapes"), "finished steps are not run again");
    assertEquals(1, attempt(run, "a.task-demo_tissue"));
    assertEquals(2, attempt(run, "a.task-demo_stripes"));
    for (String task : List.of("demo_shapes", "demo_stripes", "demo_tissue")) {
      assertEquals(1, MmlProcess.filesUnder(mml.project().resolve("CHANNEL_STATS").resolve(task)).size(), task);
    }
    assertTrue(mml.run("status2", "status", "latest").stdout().contains("6 of 6 steps done"));
  }

  @Test
  void aJobKilledWithoutAnEndMarkerShowsAsLostAndContinueResubmitsIt() throws Exception {
    MmlProcess mml = new MmlProcess(tmp);
    // 50 images of 200 ms each: a step runs about 10 s, long enough to be killed while it runs.
    Process p = mml.start("run", "buzz", "tasks=demo", "executor=slurm", "mode.pause_ms=200",
        "sampling.sample_num=50");
    assertEquals(0, p.waitFor(), mml.result("run", p.exitValue()).all());
    Path run = latest(mml);
    // Wait until a's first task runs, then kill it like a dying node would: SIGKILL, no end marker written.
    Path marker = run.resolve("steps/a.task-demo_shapes.json");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && !(Files.exists(marker)
        && JSON.readTree(marker.toFile()).path("status").asText().equals("running"))) {
      Thread.sleep(100);
    }
    // (One node here: the process recorded in the marker is on this machine.)
    long pid = JSON.readTree(marker.toFile()).path("pid").asLong();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    String out = "";
    deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && !out.matches("(?s).*a\\[task=demo_shapes]\\s+LOST.*")) {
      Thread.sleep(500);
      out = mml.run("status", "status", "latest").stdout();
    }
    assertTrue(out.matches("(?s).*a\\[task=demo_shapes]\\s+LOST.*"), out);
    // Let the rest drain (b and finish are cancelled: their dependency can no longer be met).
    deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && (out.contains("RUNNING") || out.contains("PENDING"))) {
      Thread.sleep(500);
      out = mml.run("status", "status", "latest").stdout();
    }
    MmlProcess.Result c = mml.run("continue", "buzz", "continue=latest", "executor=slurm", "executor.wait=true",
        "executor.poll_seconds=0.5");
    assertEquals(0, c.exit(), c.all());
    assertEquals(2, attempt(run, "a.task-demo_shapes"));
    assertTrue(mml.run("status2", "status", "latest").stdout().contains("6 of 6 steps done"));
  }

  private static Path latest(MmlProcess mml) throws IOException {
    List<Path> runs = mml.runDirs();
    return runs.get(runs.size() - 1);
  }

  private static int attempt(Path run, String sanitised) throws IOException {
    return JSON.readTree(run.resolve("steps/" + sanitised + ".json").toFile()).path("attempt").asInt();
  }

  private static List<String> relative(Path project, List<String> folders) throws IOException {
    List<String> out = new ArrayList<>();
    for (String f : folders) {
      for (Path p : MmlProcess.filesUnder(project.resolve(f))) {
        out.add(project.relativize(p).toString());
      }
    }
    return out;
  }
}
