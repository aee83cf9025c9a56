package io.mml.runtime.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.Config;
import io.mml.runtime.config.ConfigComposer;
import io.mml.runtime.config.ConfigOverride;
import io.mml.runtime.files.RunDirs;
import io.mml.runtime.run.RunFolder;
import io.mml.runtime.scheduler.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Composing the config of a command that continues a run, under the executor the run was started
 * with. {@code mml train continue=latest executor.wait=true} continues a Slurm run on Slurm without
 * repeating {@code executor=slurm}; its {@code executor.*} overrides must then be checked against the
 * {@code slurm} option, not against the default {@code local} one (which has no {@code wait}).
 *
 * <p>Only the composition sees the saved choice: the overrides handed on are the user's, so the
 * continued run keeps its saved {@code executor} settings and applies the new {@code executor.*}
 * keys on top (see the engine's continuation).
 */
public final class ContinuedExecutor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUP = "executor";

  private ContinuedExecutor() {}

  /** Composes like {@link ConfigComposer#compose}, choosing the continued run's saved executor when needed. */
  public static ComposedConfig compose(ConfigComposer composer, String mode, List<String> overrides) {
    List<String> executorKeys = overrides.stream().filter(ContinuedExecutor::isExecutorKey).toList();
    boolean chosen = overrides.stream().anyMatch(o -> o.startsWith(GROUP + "="));
    if (executorKeys.isEmpty() || chosen) {
      return composer.compose(mode, overrides);
    }
    // Without the executor.* keys, the rest tells where the run to continue is (and whether there is one).
    List<String> rest = new ArrayList<>(overrides);
    rest.removeAll(executorKeys);
    ComposedConfig probe = composer.compose(mode, rest);
    Optional<String> saved = savedExecutor(probe.config());
    if (saved.isEmpty() || saved.get().equals(probe.choices().get(GROUP))) {
      return composer.compose(mode, overrides);
    }
    List<String> withSaved = new ArrayList<>();
    withSaved.add(GROUP + "=" + saved.get());
    withSaved.addAll(overrides);
    ComposedConfig c = composer.compose(mode, withSaved);
    return new ComposedConfig(c.config(), c.choices(), overrides);
  }

  /** Whether an override sets, adds or deletes a key under {@code executor.}. */
  static boolean isExecutorKey(String override) {
    return ConfigOverride.tryParse(override).map(o -> !o.key().equals(GROUP) && o.isUnder(GROUP)).orElse(false);
  }

  /** The executor option the run named by {@code continue} was started with, if it is continued and known. */
  static Optional<String> savedExecutor(Config config) {
    if (!config.has("continue") || config.node("continue").orElseThrow().isNull()) {
      return Optional.empty();
    }
    String target = config.node("continue").orElseThrow().asText();
    if (target.isBlank() || target.equals("false") || target.equals("true")) {
      return Optional.empty();
    }
    Path runDir;
    try {
      Path project = Path.of(config.getString("out_dir")).toAbsolutePath().normalize()
          .resolve(config.getString("proj"));
      runDir = RunDirs.resolve(project, target);
    } catch (RuntimeException e) { // a malformed or missing run id, a bad out_dir or proj
      return Optional.empty(); // the engine reports a bad target, with its own message
    }
    Path run = runDir.resolve(RunFolder.RUN);
    if (!Files.isRegularFile(run)) {
      return Optional.empty();
    }
    try {
      JsonNode choice = JSON.readTree(run.toFile()).path("choices").path(GROUP);
      return choice.isTextual() ? Optional.of(choice.asText()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
