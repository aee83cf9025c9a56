package io.mml.runtime.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigBinder;
import io.mml.runtime.config.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.scheduler.ResourceSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code executor} config group with option {@code slurm}.
 *
 * @param partition {@code --partition}, or null for the cluster's default
 * @param account {@code --account}, or null
 * @param extraFlags further sbatch flags, verbatim (e.g. {@code --qos=short})
 * @param waitForRun whether the submitting command waits for the run and shows progress
 * @param pollSeconds how often a waiting command looks at the markers and the queue
 * @param java the java binary on the nodes (empty: the one running the submitter)
 * @param javaOpts JVM flags of the jobs
 * @param sbatch the sbatch command
 * @param squeue the squeue command
 * @param scancel the scancel command
 * @param jobNamePrefix prefix of the job names ({@code <prefix>.<mode>.<subroutine>})
 * @param resources overrides of {@code @Resources}: {@value #ALL} for every subroutine, else by subroutine name
 */
public record SlurmConfig(String partition, String account, List<String> extraFlags, boolean waitForRun,
    double pollSeconds, String java, List<String> javaOpts, String sbatch, String squeue, String scancel,
    String jobNamePrefix, Map<String, ResourceOverride> resources) {
  /** The key of {@code executor.resources} that applies to every subroutine. */
  public static final String ALL = "all";

  public SlurmConfig {
    resources = Map.copyOf(resources);
  }

  /**
   * What the config changes of a subroutine's {@code @Resources}; null fields keep the declared value.
   *
   * @param gpus GPUs per step (0: none, e.g. on a cluster without GPUs)
   * @param cpus CPUs per step
   * @param memory memory in Slurm notation
   * @param time wall-time limit in Slurm notation
   */
  public record ResourceOverride(Integer gpus, Integer cpus, String memory, String time) {
    static final List<String> FIELDS = List.of("gpus", "cpus", "memory", "time");

    ResourceSpec applyTo(ResourceSpec r) {
      return new ResourceSpec(gpus != null ? gpus : r.gpus(), cpus != null ? cpus : r.cpus(),
          memory != null ? memory : r.memory(), time != null ? time : r.time());
    }
  }

  /**
   * The resources of a subroutine's steps: its {@code @Resources}, then {@code executor.resources.all},
   * then {@code executor.resources.<subroutine>}.
   */
  public ResourceSpec resourcesFor(String subroutine, ResourceSpec declared) {
    ResourceSpec r = declared == null ? ResourceSpec.DEFAULT : declared;
    ResourceOverride all = resources.get(ALL);
    if (all != null) {
      r = all.applyTo(r);
    }
    ResourceOverride own = resources.get(subroutine);
    return own == null ? r : own.applyTo(r);
  }

  /** Fails, naming the key, when {@code executor.resources} names a subroutine the run does not have. */
  public void checkSubroutines(java.util.Collection<String> subroutines) {
    for (String name : resources.keySet()) {
      if (!name.equals(ALL) && !subroutines.contains(name)) {
        throw new ConfigException("executor.resources." + name, "Config key 'executor.resources." + name
            + "' names no subroutine of this run. Its subroutines: " + String.join(", ", new TreeSet<>(subroutines))
            + " (or 'all' for every one).");
      }
    }
  }

  /** The executor named by {@code executor.name} ({@code local} when the group is absent). */
  public static String executorName(Config config) {
    return config.has("executor.name") ? config.getString("executor.name") : "local";
  }

  /** The {@code executor} group as {@code executor/slurm.yaml} writes it (every key required: defaults live there). */
  private record Group(String name, String partition, String account, List<String> extraFlags, @JsonProperty("wait") boolean waitForRun,
      double pollSeconds, String java, List<String> javaOpts, String sbatch, String squeue, String scancel,
      String jobNamePrefix, JsonNode resources) {}

  /** Reads and checks {@code executor.*}. */
  public static SlurmConfig from(Config c) {
    Group g = ConfigBinder.bind(c, "executor", Group.class);
    if (!(g.pollSeconds() > 0) || Double.isInfinite(g.pollSeconds())) {
      throw new ConfigException("executor.poll_seconds", "Config key 'executor.poll_seconds' must be > 0; found "
          + g.pollSeconds() + ".");
    }
    return new SlurmConfig(blankToNull(g.partition()), blankToNull(g.account()), copy(g.extraFlags()), g.waitForRun(),
        g.pollSeconds(), g.java() == null ? "" : g.java(), copy(g.javaOpts()), g.sbatch(), g.squeue(), g.scancel(),
        g.jobNamePrefix(), resources(c));
  }

  private static List<String> copy(List<String> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  private static Map<String, ResourceOverride> resources(Config c) {
    Map<String, ResourceOverride> out = new LinkedHashMap<>();
    if (!c.has("executor.resources") || c.node("executor.resources").orElseThrow().isNull()) {
      return out;
    }
    JsonNode all = c.node("executor.resources").orElseThrow();
    if (!all.isObject()) {
      throw new ConfigException("executor.resources", "Config key 'executor.resources' must be a mapping of"
          + " subroutine names (or 'all') to {gpus, cpus, memory, time}; found " + all + ".");
    }
    for (var e : (Iterable<Map.Entry<String, JsonNode>>) all::fields) {
      String key = "executor.resources." + e.getKey();
      JsonNode n = e.getValue();
      if (n.isNull()) {
        continue;
      }
      if (!n.isObject()) {
        throw new ConfigException(key, "Config key '" + key + "' must be a mapping with keys gpus, cpus, memory,"
            + " time; found " + n + ".");
      }
      n.fieldNames().forEachRemaining(f -> {
        if (!ResourceOverride.FIELDS.contains(f)) {
          throw new ConfigException(key + "." + f, "Unknown config key '" + key + "." + f + "'. Keys of '" + key
              + "': " + String.join(", ", ResourceOverride.FIELDS) + ".");
        }
      });
      ResourceOverride o = new ResourceOverride(count(n, key, "gpus"), count(n, key, "cpus"), text(n, "memory"),
          text(n, "time"));
      if (o.cpus() != null && o.cpus() < 1) {
        throw new ConfigException(key + ".cpus", "Config key '" + key + ".cpus' must be >= 1; found " + o.cpus()
            + ".");
      }
      out.put(e.getKey(), o);
    }
    return out;
  }

  private static Integer count(JsonNode n, String key, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.canConvertToInt() && v.isIntegralNumber() || v.isTextual() && v.asText().matches("\\d+")) {
      int i = v.asInt();
      if (i >= 0) {
        return i;
      }
    }
    throw new ConfigException(key + "." + field, "Config key '" + key + "." + field + "' must be a whole number >= 0"
        + " (or null to keep @Resources); found " + v + ".");
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  /** The java binary for the jobs. */
  public String javaBinary() {
    return java == null || java.isBlank()
        ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : java;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
