package io.mml.runtime.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training from a blueprint of {@code mml suggest}: with {@code mode.use_blueprint=true}, the
 * blueprint of the pivot in the project {@code reuse.blueprint} ({@code
 * <out_dir>/<proj>/BLUEPRINTS/<pivot>/blueprint_NNNN.yaml}, the newest or number {@code
 * mode.blueprint}) becomes overrides that {@link ConfigComposer#compose} places before the command
 * line's own. A blueprint's top-level keys are config groups as the source model was trained with
 * them (whole subtrees, e.g. {@code arch}) or single keys ({@code seed}); a group subtree whose
 * {@code id} (or {@code name}) is an option of the group first chooses that option, then sets each
 * of its leaves. A group the command line chooses itself is left out of the blueprint.
 */
final class Blueprints {
  private static final Logger LOG = LoggerFactory.getLogger(Blueprints.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FILE = Pattern.compile("blueprint_(\\d{4,})\\.yaml");

  static final String USE = "mode.use_blueprint";
  static final String PICK = "mode.blueprint";
  static final String REUSE = "reuse.blueprint";
  /** The folder of the built-in path key {@code blueprint}. */
  static final String FOLDER = "BLUEPRINTS";

  private Blueprints() {}

  /**
   * A blueprint chosen for a run.
   *
   * @param file the blueprint file
   * @param number its number (the {@code NNNN} of its name)
   * @param overrides the overrides it turns into, {@code mode.blueprint=<number>} first
   * @param keys the key paths those overrides set (for messages)
   */
  record Applied(Path file, int number, List<String> overrides, Set<String> keys) {}

  /** Whether the composed config asks for a blueprint ({@code mode.use_blueprint=true}). */
  static boolean wanted(Config config) {
    JsonNode n = config.node(USE).orElse(null);
    if (n == null || n.isNull()) {
      return false;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    String t = n.asText().strip();
    if (t.equals("true") || t.equals("false")) {
      return t.equals("true");
    }
    throw new ConfigException(USE, USE + " must be true or false; found " + Config.describe(n) + ".");
  }

  /**
   * Finds the blueprint and turns it into overrides.
   *
   * @param config the config composed without the blueprint
   * @param isGroup whether a top-level key is a config group
   * @param hasOption whether a group has an option
   * @param chosenOnCommandLine the groups the command line chooses (their blueprint entries are left out)
   */
  static Applied find(Config config, Predicate<String> isGroup, BiPredicate<String, String> hasOption,
      Set<String> chosenOnCommandLine) {
    String pivot = text(config, "pivot.name");
    if (pivot.isEmpty()) {
      throw new ConfigException("pivot.name", USE + "=true trains the pivot task with its blueprint, but pivot.name"
          + " is not set: name the task the blueprint was written for, e.g. pivot.name=<task>.");
    }
    pivot = pivot + text(config, "pivot.tags");
    List<String> projects = projects(config);
    if (projects.isEmpty()) {
      throw new ConfigException(REUSE, USE + "=true needs the project holding the blueprints of " + pivot
          + ": set " + REUSE + "=<project> (the project mml suggest wrote them into).");
    }
    Integer pick = pick(config);
    Path root = Path.of(config.getString("out_dir")).toAbsolutePath().normalize();
    Path chosen = null;
    int number = -1;
    List<Path> looked = new ArrayList<>();
    // Later projects win, as for every reused key.
    for (int i = projects.size() - 1; i >= 0 && chosen == null; i--) {
      String p = projects.get(i);
      if (p.isBlank() || p.contains("/") || p.contains("\\") || p.contains("..")) {
        throw new ConfigException(REUSE, REUSE + "=" + p + " is not a project name: name a project folder under "
            + root + " (letters, digits, '_', '-', '.').");
      }
      Path dir = root.resolve(p).resolve(FOLDER).resolve(pivot);
      looked.add(dir);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : (Iterable<Path>) s::iterator) {
          Matcher m = FILE.matcher(f.getFileName().toString());
          if (!m.matches() || !Files.isRegularFile(f)) {
            continue;
          }
          int n = Integer.parseInt(m.group(1));
          if (pick == null ? n > number : n == pick) {
            chosen = f;
            number = n;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (chosen == null) {
      String which = pick == null ? "No blueprint" : "No blueprint number " + pick + " (" + String.format(
          java.util.Locale.ROOT, "blueprint_%04d.yaml", pick) + ")";
      throw new ConfigException(pick == null ? REUSE : PICK, which + " of task " + pivot + " in " + looked + ": write"
          + " them with mml suggest pivot.name=" + pivot + " proj=" + projects.get(projects.size() - 1)
          + " reuse.models=<project>, name the project that has them with " + REUSE + "=<project>"
          + (pick == null ? "" : ", or pick an existing one with " + PICK + "=<n> (null for the newest)") + ".");
    }
    String text;
    try {
      text = Files.readString(chosen, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode blueprint = Yaml.parseMapping(text, chosen.toString());
    List<String> overrides = new ArrayList<>();
    Set<String> keys = new java.util.LinkedHashSet<>();
    overrides.add(PICK + "=" + number);
    for (Map.Entry<String, JsonNode> e : blueprint.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (isGroup.test(key)) {
        if (chosenOnCommandLine.contains(key)) {
          LOG.info("Blueprint {}: the command line chooses {}, so the blueprint's {} is left out", chosen, key, key);
          continue;
        }
        if (v.isObject()) {
          String option = v.path("id").isTextual() ? v.get("id").asText() : v.path("name").asText("");
          if (!option.isEmpty() && hasOption.test(key, option)) {
            overrides.add(key + "=" + option);
            keys.add(key);
          }
        } else if (v.isNull()) {
          continue; // no value recorded for the group: keep the run's own
        }
      }
      leaves(key, v, overrides, keys);
    }
    return new Applied(chosen, number, List.copyOf(overrides), Set.copyOf(keys));
  }

  private static void leaves(String path, JsonNode v, List<String> out, Set<String> keys) {
    if (v.isObject() && !v.isEmpty()) {
      v.properties().forEach(e -> leaves(path + "." + e.getKey(), e.getValue(), out, keys));
      return;
    }
    try {
      out.add(path + "=" + JSON.writeValueAsString(v));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    keys.add(path);
  }

  private static Integer pick(Config config) {
    JsonNode n = config.node(PICK).orElse(null);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.canConvertToInt() && n.isIntegralNumber() && n.intValue() >= 0) {
      return n.intValue();
    }
    throw new ConfigException(PICK, PICK + " must be a blueprint number (3 for blueprint_0003.yaml) or null for the"
        + " newest; found " + Config.describe(n) + ".");
  }

  private static List<String> projects(Config config) {
    JsonNode n = config.node(REUSE).orElse(null);
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(x -> {
        if (!x.isNull()) {
          out.add(x.asText().strip());
        }
      });
    } else if (!n.asText().isBlank()) {
      out.add(n.asText().strip());
    }
    return out;
  }

  private static String text(Config config, String path) {
    JsonNode n = config.node(path).orElse(null);
    return n == null || n.isNull() ? "" : n.asText().strip();
  }
}
