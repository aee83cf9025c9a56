package io.mml.runtime.scheduler;

import io.mml.runtime.config.ConfigOverride;
import io.mml.runtime.errors.MmlException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mml.runtime.config.ComposedConfig;
import io.mml.runtime.config.Config;
import io.mml.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of a continued run: the run's saved config, with the machine keys of the new
 * command (data_dir, out_dir, ...) and the keys the new command sets explicitly. A continued run
 * thus needs only {@code mml <mode> continue=latest}; anything the user does repeat must agree with
 * the saved run, which {@link #check} verifies after the plans were compared.
 *
 * @param composed the effective configuration
 * @param saved the saved config tree
 * @param explicitKeys key paths the new command set explicitly
 */
record Continuation(ComposedConfig composed, JsonNode saved, List<String> explicitKeys) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The config group choosing where steps run. */
  static final String EXECUTOR = "executor";

  static Continuation of(Path runDir, String runId, String mode, ComposedConfig now) throws IOException {
    String savedMode = savedMode(runDir);
    if (savedMode != null && !savedMode.equals(mode)) {
      throw new MmlException("Cannot continue run " + runId + " as mode '" + mode + "': it is a run of mode '"
          + savedMode + "'. Continue it with: mml " + savedMode + " continue=" + runId + ".");
    }
    Path file = runDir.resolve(RunFolder.CONFIG);
    if (!Files.exists(file)) {
      throw new MmlException("Cannot continue run " + runId + ": it has no " + RunFolder.CONFIG
          + " (it stopped before its configuration was saved). Start a new run.");
    }
    JsonNode saved = Engine.YAML.readTree(file.toFile());
    if (saved == null || !saved.isObject()) {
      throw new MmlException("Cannot continue run " + runId + ": " + file + " is not a YAML mapping. Start a new run.");
    }
    Map<String, String> savedChoices = savedChoices(runDir);
    // Group choices repeated on the command line must be the ones the run was started with.
    for (String o : now.overrides()) {
      Optional<ConfigOverride> parsed = ConfigOverride.tryParse(o);
      if (parsed.isEmpty() || parsed.get().op() != ConfigOverride.Op.SET) {
        continue;
      }
      String group = parsed.get().key();
      String option = parsed.get().value();
      if (group.equals(EXECUTOR)) {
        continue; // where the steps run is not part of the experiment
      }
      if (now.choices().containsKey(group) && savedChoices.containsKey(group)
          && !savedChoices.get(group).equals(option)) {
        throw new MmlException("Cannot continue run " + runId + " with " + o + ": it was started with " + group + "="
            + savedChoices.get(group) + ". Drop " + o + " (a continued run keeps its configuration) or start a new run.");
      }
    }
    ObjectNode effective = ((ObjectNode) saved).deepCopy();
    JsonNode nowTree = now.config().tree();
    for (String k : Engine.MACHINE_KEYS) {
      if (nowTree.has(k)) {
        effective.set(k, nowTree.get(k));
      }
    }
    // The executor: the saved one (a Slurm run continues on Slurm), unless this command chooses one.
    boolean executorChosen = now.overrides().stream().map(ConfigOverride::tryParse).flatMap(Optional::stream)
        .anyMatch(o -> o.op() == ConfigOverride.Op.SET && o.key().equals(EXECUTOR));
    if ((executorChosen || !saved.has(EXECUTOR)) && nowTree.has(EXECUTOR)) {
      effective.set(EXECUTOR, nowTree.get(EXECUTOR));
    }
    List<String> explicit = new ArrayList<>();
    for (String o : now.overrides()) {
      String key = keyOf(o);
      if (key != null && key.startsWith(EXECUTOR + ".")) {
        // executor.* keys may change between a run and its continuation (applied, never compared).
        now.config().node(key).ifPresent(v -> set(effective, key, v));
        continue;
      }
      if (key == null || now.choices().containsKey(key) || Engine.MACHINE_KEYS.contains(key.split("\\.")[0])) {
        continue;
      }
      explicit.add(key);
      Optional<JsonNode> value = now.config().node(key);
      if (value.isPresent()) {
        set(effective, key, value.get());
      } else {
        remove(effective, key);
      }
    }
    Map<String, String> choices = new LinkedHashMap<>(savedChoices.isEmpty() ? now.choices() : savedChoices);
    if (executorChosen || !choices.containsKey(EXECUTOR)) {
      String chosen = now.choices().get(EXECUTOR);
      if (chosen != null) {
        choices.put(EXECUTOR, chosen);
      }
    }
    return new Continuation(new ComposedConfig(Config.of(effective), choices, now.overrides()), saved, explicit);
  }

  /** Fails, naming the key, when an explicitly repeated key differs from the saved run. */
  void check(String runId) {
    for (String key : explicitKeys) {
      JsonNode before = find(saved, key);
      JsonNode after = composed.config().node(key).orElse(null);
      String what = before == null ? "it was not set" : "it was " + before;
      boolean same = before == null ? after == null
          : after != null && ConfigDiff.first(before, after, java.util.Set.of()).isEmpty();
      if (!same) {
        throw new MmlException("Cannot continue run " + runId + " with a different value of '" + key + "' (" + what
            + " in the saved run, " + after + " now). A continued run keeps its configuration: drop that override,"
            + " or start a new run.");
      }
    }
  }

  /** The dotted key an override sets, adds or deletes (null when it is not an override). */
  private static String keyOf(String override) {
    return ConfigOverride.tryParse(override).map(ConfigOverride::dottedKey).orElse(null);
  }

  private static String savedMode(Path runDir) throws IOException {
    Path run = runDir.resolve(RunFolder.RUN);
    return Files.exists(run) ? JSON.readTree(run.toFile()).path("mode").asText(null) : null;
  }

  private static Map<String, String> savedChoices(Path runDir) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path run = runDir.resolve(RunFolder.RUN);
    if (Files.exists(run)) {
      JsonNode n = JSON.readTree(run.toFile()).path("choices");
      n.fieldNames().forEachRemaining(k -> out.put(k, n.get(k).asText()));
    }
    return out;
  }

  private static JsonNode find(JsonNode root, String path) {
    JsonNode cur = root;
    for (String part : path.split("\\.")) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = cur.get(part);
    }
    return cur;
  }

  private static void set(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode cur = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.get(parts[i]);
      if (next == null || !next.isObject()) {
        next = cur.putObject(parts[i]);
      }
      cur = (ObjectNode) next;
    }
    cur.set(parts[parts.length - 1], value);
  }

  private static void remove(ObjectNode root, String path) {
    String[] parts = path.split("\\.");
    JsonNode cur = root;
    for (int i = 0; i < parts.length - 1 && cur != null; i++) {
      cur = cur.get(parts[i]);
    }
    if (cur instanceof ObjectNode o) {
      o.remove(parts[parts.length - 1]);
    }
  }
}
