package io.mml.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes the run configuration the way Hydra does for mml: the root config's defaults list
 * chooses one option per config group, group options may choose options of other groups, the mode
 * is applied last, then command-line overrides, then {@code ${...}} interpolation.
 *
 * <p>Precedence, lowest first: root config &lt; group options (and their defaults) &lt; the
 * mode's defaults and content &lt; {@code group=option} on the command line &lt; {@code key=value}
 * on the command line. Composition is deterministic: key order is the order of first definition.
 */
public final class ConfigComposer {
  /** The group that holds the modes ({@code mode/<id>.yaml}). */
  public static final String MODE_GROUP = "mode";

  private static final int ROOT = 0;
  private static final int OPTION_DEFAULTS = 1;
  private static final int MODE_DEFAULTS = 2;
  private static final int COMMAND_LINE = 3;
  private static final String CLI = "the command line";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Logger LOG = LoggerFactory.getLogger(ConfigComposer.class);

  private final ConfigSources sources;
  private final Function<String, String> env;

  /** A composer reading environment variables from the process environment. */
  public ConfigComposer(ConfigSources sources) {
    this(sources, System::getenv);
  }

  /** A composer reading environment variables through {@code env} (tests). */
  public ConfigComposer(ConfigSources sources, Function<String, String> env) {
    this.sources = Objects.requireNonNull(sources, "sources");
    this.env = Objects.requireNonNull(env, "env");
  }

  /** Where the config files come from. */
  public ConfigSources sources() {
    return sources;
  }

  /**
   * Composes the config for a mode.
   *
   * @param modeId the mode ({@code mode/<id>.yaml}); a {@code mode=<id>} override wins over it; null
   *     for the root's {@code mode} default, or no mode at all
   * @param overrides command-line overrides, applied in order
   * @throws ConfigException naming the key path, file or override and the fix
   */
  public ComposedConfig compose(String modeId, List<String> overrides) {
    ComposedConfig plain;
    try {
      plain = composeOnce(modeId, overrides, false);
    } catch (ConfigException e) {
      // A command-line key may exist only once the blueprint chose its group's option (arch.hidden of arch=mlp):
      // decide on the blueprint from a composition that skips the overrides that do not apply yet.
      ComposedConfig probe;
      try {
        probe = composeOnce(modeId, overrides, true);
      } catch (ConfigException again) {
        throw e;
      }
      if (!Blueprints.wanted(probe.config())) {
        throw e;
      }
      plain = probe;
    }
    if (!Blueprints.wanted(plain.config())) {
      return plain;
    }
    Set<String> chosen = new HashSet<>();
    for (String o : overrides) {
      Op op = parse(o);
      if (op.kind == Kind.GROUP || op.kind == Kind.GROUP_DELETE) {
        chosen.add(op.key);
      }
    }
    Blueprints.Applied bp = Blueprints.find(plain.config(), sources::hasGroup, sources::hasOption, chosen);
    List<String> all = new ArrayList<>(bp.overrides());
    all.addAll(overrides);
    ComposedConfig composed;
    try {
      composed = composeOnce(modeId, all, false);
    } catch (ConfigException e) {
      String key = e.keyPath() == null ? "" : e.keyPath();
      boolean fromBlueprint = bp.keys().contains(key) || bp.keys().stream().anyMatch(k -> key.startsWith(k + "."));
      if (!fromBlueprint) {
        throw e;
      }
      throw new ConfigException(key, "Blueprint " + bp.file() + " (applied by " + Blueprints.USE + "=true) does not"
          + " fit this run: " + e.getMessage() + " Fix or remove '" + key + "' in the blueprint, pick another one with "
          + Blueprints.PICK + "=<n>, or train without it (" + Blueprints.USE + "=false).", e);
    }
    LOG.info("Applied blueprint {}: {} override(s) before the command line's: {}", bp.file(), bp.overrides().size(),
        bp.overrides());
    return composed;
  }

  /** One composition; {@code lenient} skips key overrides that do not apply (for deciding on a blueprint). */
  private ComposedConfig composeOnce(String modeId, List<String> overrides, boolean lenient) {
    List<Op> ops = new ArrayList<>();
    for (String o : overrides) {
      ops.add(parse(o));
    }
    ConfigFile root = sources.root();
    Selection sel = new Selection();
    String mode = null;
    boolean self = false;
    for (DefaultEntry d : root.defaults()) {
      if (d.isSelf()) {
        sel.order.add(DefaultEntry.SELF);
        self = true;
      } else if (d.group().equals(MODE_GROUP)) {
        mode = d.option();
      } else {
        sel.propose(d.group(), d.option(), ROOT, root.origin());
      }
    }
    if (!self) {
      // As in Hydra 1.1+: without _self_, the root's own content wins over its defaults.
      sel.order.add(DefaultEntry.SELF);
    }
    if (modeId != null) {
      mode = modeId;
    }
    for (Op op : ops) {
      if (op.kind == Kind.GROUP) {
        if (op.key.equals(MODE_GROUP)) {
          mode = op.value;
        } else {
          sel.propose(op.key, op.value, COMMAND_LINE, CLI);
        }
      } else if (op.kind == Kind.GROUP_DELETE) {
        if (op.key.equals(MODE_GROUP)) {
          mode = null;
        } else if (!sel.option.containsKey(op.key)) {
          throw new ConfigException(op.key, "Cannot delete config group '" + op.key + "' (override '" + op.text
              + "'): it is not chosen in the defaults. Chosen groups: " + String.join(", ", sel.option.keySet()) + ".");
        } else {
          sel.propose(op.key, null, COMMAND_LINE, CLI);
        }
      }
    }
    Map<String, ConfigFile> cache = new HashMap<>();
    ConfigFile modeFile = null;
    if (mode != null) {
      if (!sources.hasOption(MODE_GROUP, mode)) {
        List<String> modes = sources.options(MODE_GROUP);
        throw new ConfigException(MODE_GROUP, "Unknown mode '" + mode + "': there is no mode config " + MODE_GROUP + "/"
            + mode + ".yaml on the class path or in a config folder. Known modes: "
            + (modes.isEmpty() ? "(none)" : String.join(", ", modes)) + "." + ConfigException.didYouMean(
                Names.closest(mode, modes)) + PluginHints.forMode(mode)
            + " Mode configs are generated from @Mode classes by mml-processor.");
      }
      modeFile = sources.option(MODE_GROUP, mode, modeId != null && mode.equals(modeId) ? "the mode argument" : CLI);
      for (DefaultEntry d : modeFile.defaults()) {
        if (!d.isSelf() && !d.group().equals(MODE_GROUP)) {
          sel.propose(d.group(), d.option(), MODE_DEFAULTS, modeFile.origin());
        }
      }
    }
    // Options may choose options of other groups; a choice at this level never overrides another
    // option's, so this settles after at most one change per group.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String group : List.copyOf(sel.option.keySet())) {
        ConfigFile f = load(cache, sel, group);
        if (f == null) {
          continue;
        }
        for (DefaultEntry d : f.defaults()) {
          if (!d.isSelf() && !d.group().equals(MODE_GROUP)) {
            changed |= sel.propose(d.group(), d.option(), OPTION_DEFAULTS, f.origin());
          }
        }
      }
    }

    ObjectNode tree = F.objectNode();
    Map<String, String> choices = new LinkedHashMap<>();
    for (String item : sel.order) {
      if (item.equals(DefaultEntry.SELF)) {
        mergeAt(tree, root.packagePath(), root.content());
        continue;
      }
      ConfigFile f = load(cache, sel, item);
      if (f != null) {
        mergeAt(tree, f.packagePath(), f.content());
        choices.put(item, f.option());
      }
    }
    if (modeFile != null) {
      mergeAt(tree, modeFile.packagePath(), modeFile.content());
      choices.put(MODE_GROUP, modeFile.option());
    }
    for (Op op : ops) {
      try {
        apply(tree, op);
      } catch (ConfigException e) {
        if (!lenient) {
          throw e;
        }
      }
    }
    new Interpolator(tree, env).resolveAll();
    return new ComposedConfig(Config.of(tree), choices, overrides);
  }

  private ConfigFile load(Map<String, ConfigFile> cache, Selection sel, String group) {
    String option = sel.option.get(group);
    if (option == null) {
      return null;
    }
    String key = group + "/" + option;
    ConfigFile f = cache.get(key);
    if (f == null) {
      f = sources.option(group, option, sel.where.get(group));
      cache.put(key, f);
    }
    return f;
  }

  /** The chosen option per group, who chose it (priority) and where (for messages). */
  private static final class Selection {
    final List<String> order = new ArrayList<>();
    final Map<String, String> option = new LinkedHashMap<>();
    final Map<String, Integer> priority = new HashMap<>();
    final Map<String, String> where = new HashMap<>();

    /** Chooses an option if nothing stronger chose already; true when the choice changed. */
    boolean propose(String group, String opt, int prio, String origin) {
      Integer current = priority.get(group);
      if (current == null) {
        order.add(group);
      } else if (prio < current || (prio == OPTION_DEFAULTS && current == OPTION_DEFAULTS)) {
        return false;
      }
      boolean changed = current == null || !Objects.equals(option.get(group), opt);
      option.put(group, opt);
      priority.put(group, prio);
      where.put(group, origin);
      return changed;
    }
  }

  // ---------------------------------------------------------------- overrides

  private enum Kind { GROUP, GROUP_DELETE, SET, ADD, UPSERT, DELETE }

  /** One parsed command-line override. */
  private record Op(Kind kind, String key, String value, JsonNode node, String text) {}

  private Op parse(String text) {
    ConfigOverride o = ConfigOverride.parse(text);
    String group = groupOf(o.key());
    if (o.op() == ConfigOverride.Op.DELETE) {
      if (group != null) {
        return new Op(Kind.GROUP_DELETE, group, null, null, text);
      }
      JsonNode expected = o.value() == null ? null : Yaml.parseValue(o.value(), "override '" + text + "'");
      return new Op(Kind.DELETE, o.key(), null, expected, text);
    }
    if (group != null) {
      String opt = o.value().strip();
      if (opt.startsWith("[") || opt.contains(",")) {
        throw new ConfigException(group, "Override '" + text + "' chooses several options; config group '" + group
            + "' takes one. Options: " + String.join(", ", sources.options(group)) + ".");
      }
      return new Op(Kind.GROUP, group, opt.isEmpty() || opt.equals("null") ? null : opt, null, text);
    }
    Kind kind = switch (o.op()) {
      case ADD -> Kind.ADD;
      case UPSERT -> Kind.UPSERT;
      default -> Kind.SET;
    };
    return new Op(kind, o.key(), o.value(), Yaml.parseValue(o.value(), "override '" + text + "'"), text);
  }

  /** The group a key names ({@code loss/cls}, {@code loss.cls}, {@code mode}), or null for a key path. */
  private String groupOf(String key) {
    if (key.equals(MODE_GROUP) || sources.hasGroup(key)) {
      return key;
    }
    String slashed = key.replace('.', '/');
    if (sources.hasGroup(slashed)) {
      return slashed;
    }
    if (key.contains("/")) {
      throw new ConfigException(key, "Unknown config group '" + key + "'. Known groups: "
          + String.join(", ", sources.groups()) + "." + ConfigException.didYouMean(Names.closest(key, sources.groups())));
    }
    return null;
  }

  private static void apply(ObjectNode tree, Op op) {
    switch (op.kind) {
      case SET -> {
        ObjectNode parent = parentOf(tree, op, false);
        String leaf = leaf(op.key);
        if (parent == null || !parent.has(leaf)) {
          throw unknownKey(tree, op);
        }
        parent.set(leaf, op.node.deepCopy());
      }
      case ADD -> {
        JsonNode existing = find(tree, op.key);
        if (existing != null) {
          String value = op.value;
          throw new ConfigException(op.key, "Cannot add config key '" + op.key + "' (override '" + op.text
              + "'): it already exists, with value " + Config.describe(existing) + ". To change it, write " + op.key
              + "=" + value + ".");
        }
        parentOf(tree, op, true).set(leaf(op.key), op.node.deepCopy());
      }
      case UPSERT -> parentOf(tree, op, true).set(leaf(op.key), op.node.deepCopy());
      case DELETE -> {
        ObjectNode parent = parentOf(tree, op, false);
        String leaf = leaf(op.key);
        if (parent == null || !parent.has(leaf)) {
          throw unknownKey(tree, op);
        }
        if (op.node != null && !op.node.equals(parent.get(leaf))) {
          throw new ConfigException(op.key, "Cannot delete config key '" + op.key + "' (override '" + op.text
              + "'): its value is " + Config.describe(parent.get(leaf)) + ", not " + Config.describe(op.node)
              + ". Write ~" + op.key + " to delete it whatever its value.");
        }
        parent.remove(leaf);
      }
      case GROUP, GROUP_DELETE -> {
        // Applied while choosing the options.
      }
      default -> throw new IllegalStateException(op.kind.toString());
    }
  }

  /** The mapping holding the key's last part; created on the way when {@code create}. */
  private static ObjectNode parentOf(ObjectNode tree, Op op, boolean create) {
    String[] parts = op.key.split("\\.");
    ObjectNode cur = tree;
    String path = "";
    for (int i = 0; i < parts.length - 1; i++) {
      path = path.isEmpty() ? parts[i] : path + "." + parts[i];
      JsonNode next = cur.get(parts[i]);
      if (next == null && create) {
        next = cur.putObject(parts[i]);
      }
      if (next == null) {
        return null;
      }
      if (!next.isObject()) {
        throw new ConfigException(op.key, "Cannot use override '" + op.text + "': config key '" + path + "' is "
            + Config.describe(next) + ", not a mapping, so it has no key '" + parts[i + 1] + "'.");
      }
      cur = (ObjectNode) next;
    }
    return cur;
  }

  private static ConfigException unknownKey(ObjectNode tree, Op op) {
    String[] parts = op.key.split("\\.");
    JsonNode cur = tree;
    String path = "";
    String missing = parts[0];
    for (String part : parts) {
      JsonNode next = cur.get(part);
      if (next == null) {
        missing = part;
        break;
      }
      cur = next;
      path = path.isEmpty() ? part : path + "." + part;
    }
    List<String> names = new ArrayList<>();
    cur.fieldNames().forEachRemaining(names::add);
    List<String> close = new ArrayList<>();
    for (String c : Names.closest(missing, names)) {
      close.add(path.isEmpty() ? c : path + "." + c);
    }
    String value = op.value == null ? "<value>" : op.value;
    String hint = op.kind == Kind.DELETE
        ? " There is nothing to delete."
        : " To add a new key, write +" + op.key + "=" + value + ".";
    return new ConfigException(op.key, "Unknown config key '" + op.key + "' (override '" + op.text + "')."
        + ConfigException.didYouMean(close) + " Keys at " + (path.isEmpty() ? "the top level" : "'" + path + "'")
        + ": " + abbreviate(names) + "." + hint);
  }

  private static String abbreviate(List<String> names) {
    if (names.isEmpty()) {
      return "(none)";
    }
    if (names.size() <= 25) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 25)) + ", ... (" + (names.size() - 25) + " more)";
  }

  private static String leaf(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  private static JsonNode find(JsonNode tree, String key) {
    JsonNode cur = tree;
    for (String part : key.split("\\.")) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = cur.get(part);
    }
    return cur;
  }

  // ---------------------------------------------------------------- merging

  private static void mergeAt(ObjectNode tree, String packagePath, ObjectNode content) {
    ObjectNode target = tree;
    if (!packagePath.isEmpty()) {
      for (String part : packagePath.split("\\.")) {
        JsonNode next = target.get(part);
        if (next == null || !next.isObject()) {
          next = target.putObject(part);
        }
        target = (ObjectNode) next;
      }
    }
    merge(target, content);
  }

  /** Deep merge: mappings merge key by key; lists and scalars replace. */
  static void merge(ObjectNode target, ObjectNode source) {
    for (Map.Entry<String, JsonNode> e : source.properties()) {
      JsonNode existing = target.get(e.getKey());
      if (existing != null && existing.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) existing, (ObjectNode) e.getValue());
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }
}
