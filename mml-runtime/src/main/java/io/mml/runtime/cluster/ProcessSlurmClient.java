package io.mml.runtime.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Slurm commands as processes and parses their {@code --parsable} / {@code -o} text (the
 * JSON output of Slurm 22.05 is unreliable).
 */
public final class ProcessSlurmClient implements SlurmClient {
  private final SlurmConfig config;

  public ProcessSlurmClient(SlurmConfig config) {
    this.config = config;
  }

  record Output(int exit, String stdout, String stderr) {}

  static Output exec(List<String> argv) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("Cannot run '" + argv.get(0) + "' (" + e.getMessage() + "). Is Slurm installed here?"
          + " Set executor." + commandKey(argv.get(0)) + " to its path.", e);
    }
    p.getOutputStream().close();
    // Small outputs: read both streams fully, then wait.
    var outF = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    var errF = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", argv) + " did not answer in 120 s");
      }
      return new Output(p.exitValue(), outF.get(), errF.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while running " + argv.get(0), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  private static String commandKey(String cmd) {
    String base = cmd.substring(cmd.lastIndexOf('/') + 1);
    return base.isEmpty() ? cmd : base;
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String submit(List<String> argv) throws IOException {
    Output o = exec(argv);
    if (o.exit() != 0) {
      throw new IOException("sbatch failed (exit " + o.exit() + "): " + o.stderr().strip() + "\n  command: "
          + String.join(" ", argv));
    }
    return parseJobId(o.stdout());
  }

  /**
   * The job id of {@code sbatch --parsable} output ({@code 12} or {@code 12;cluster}, on the last line;
   * also the plain {@code Submitted batch job 12}).
   */
  static String parseJobId(String stdout) throws IOException {
    String line = stdout.strip().lines().reduce((a, b) -> b).orElse("").strip();
    if (line.startsWith("Submitted batch job ")) {
      line = line.substring("Submitted batch job ".length()).strip();
    }
    int semi = line.indexOf(';');
    String id = semi >= 0 ? line.substring(0, semi) : line;
    if (!id.matches("\\d+")) {
      throw new IOException("sbatch --parsable printed no job id: '" + stdout.strip() + "'");
    }
    return id;
  }

  @Override
  public Map<String, QueuedJob> queue() throws IOException {
    Output o = exec(List.of(config.squeue(), "-h", "-r", "-o", "%i|%T|%r"));
    if (o.exit() != 0) {
      throw new IOException("squeue failed (exit " + o.exit() + "): " + o.stderr().strip());
    }
    return parseQueue(o.stdout());
  }

  /** At most this many tasks of one array line are listed (a larger range stays one entry). */
  static final int MAX_EXPANDED = 100_000;

  /**
   * Parses {@code squeue -h -r -o %i|%T|%r}: one entry per job or array task. A line for several
   * pending tasks of an array ({@code 12_[2-5]}, {@code 12_[1,3,7-9%2]}, which some versions print
   * despite {@code -r}) becomes one entry per task ({@code 12_2} ...). Lines that are not jobs
   * (blank, messages) are skipped.
   */
  static Map<String, QueuedJob> parseQueue(String stdout) {
    Map<String, QueuedJob> out = new LinkedHashMap<>();
    for (String line : stdout.lines().toList()) {
      String[] parts = line.strip().split("\\|", -1);
      String id = parts[0].strip();
      if (parts.length < 2 || !id.matches("\\d+(_(\\d+|\\[[0-9,\\-%]+\\]))?")) {
        continue;
      }
      String state = parts[1].strip();
      String reason = parts.length > 2 ? parts[2].strip() : "";
      for (String one : expand(id)) {
        out.put(one, new QueuedJob(one, state, reason));
      }
    }
    return out;
  }

  /** {@code 12_[1,3-4%2]} as {@code 12_1, 12_3, 12_4}; any other id as itself. */
  static List<String> expand(String id) {
    int open = id.indexOf("_[");
    if (open < 0) {
      return List.of(id);
    }
    String job = id.substring(0, open);
    String spec = id.substring(open + 2, id.length() - 1);
    int throttle = spec.indexOf('%');
    if (throttle >= 0) {
      spec = spec.substring(0, throttle);
    }
    List<String> out = new ArrayList<>();
    for (String part : spec.split(",")) {
      if (part.isEmpty()) {
        continue;
      }
      int dash = part.indexOf('-');
      long from = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
      long to = dash < 0 ? from : Long.parseLong(part.substring(dash + 1));
      if (to - from >= MAX_EXPANDED || out.size() + (to - from) >= MAX_EXPANDED) {
        return List.of(id);
      }
      for (long i = from; i <= to; i++) {
        out.add(job + "_" + i);
      }
    }
    return out;
  }

  @Override
  public void cancel(List<String> jobIds) throws IOException {
    if (jobIds.isEmpty()) {
      return;
    }
    List<String> argv = new ArrayList<>();
    argv.add(config.scancel());
    argv.addAll(jobIds);
    Output o = exec(argv);
    // scancel complains about jobs that already finished; that is what we want anyway.
    if (o.exit() != 0 && !o.stderr().contains("already completed") && !o.stderr().contains("Invalid job id")) {
      throw new IOException("scancel failed (exit " + o.exit() + "): " + o.stderr().strip());
    }
  }
}
