package io.mml.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where config files come from: every {@code META-INF/mml/configs/<group>/<option>.yaml} on the
 * class path (directories and jars, so plugins and generated mode stubs add options just by being
 * there), overlaid by user config folders ({@code MML_CONFIGS_PATH}, {@code --config-dir}) laid out
 * as {@code <dir>/<group>/<option>.yaml}. A user file replaces a class-path option of the same
 * group and name and may add new ones; a user {@code config_mml.yaml} replaces the root config.
 */
public final class ConfigSources {
  /** The class-path folder holding the root config and the group folders. */
  public static final String RESOURCE_DIR = "META-INF/mml/configs/";
  /** The root config's name (without {@code .yaml}). */
  public static final String ROOT_NAME = "config_mml";
  /** The environment variable listing user config folders, separated like a path. */
  public static final String ENV_VAR = "MML_CONFIGS_PATH";

  private static final Logger LOG = LoggerFactory.getLogger(ConfigSources.class);
  private static final String EXT = ".yaml";
  private static final Pattern PACKAGE = Pattern.compile("^#\\s*@package\\s+(\\S+)\\s*$");

  /** A raw file: where it is and its text. */
  private record Raw(String origin, String text) {}

  private final Raw root;
  private final Map<String, Map<String, Raw>> options;

  private ConfigSources(Raw root, Map<String, Map<String, Raw>> options) {
    this.root = root;
    this.options = options;
  }

  /**
   * Scans the class path of the loader, then the user folders in increasing priority (a later
   * folder wins over an earlier one and over the class path).
   *
   * @throws ConfigException when a user folder does not exist
   */
  public static ConfigSources load(ClassLoader loader, List<Path> userDirs) {
    Map<String, Map<String, Raw>> options = new TreeMap<>();
    Raw[] root = new Raw[1];
    scanClassPath(loader, root, options);
    for (Path dir : userDirs) {
      if (!Files.isDirectory(dir)) {
        throw new ConfigException(dir.toString(), "Config folder '" + dir + "' does not exist or is not a folder."
            + " Create it (with <group>/<option>.yaml files inside) or fix the path.");
      }
      scanUserDir(dir, root, options);
    }
    return new ConfigSources(root[0], options);
  }

  /**
   * Scans the class path, the folders in the environment variable {@value #ENV_VAR} (the first
   * entry wins, as on a {@code PATH}), then {@code extraDirs} (from {@code --config-dir}, highest
   * priority).
   *
   * @param env the environment ({@code System::getenv} outside tests)
   */
  public static ConfigSources fromEnvironment(ClassLoader loader, Function<String, String> env, List<Path> extraDirs) {
    List<Path> dirs = new ArrayList<>();
    String list = env.apply(ENV_VAR);
    if (list != null && !list.isBlank()) {
      List<Path> fromEnv = new ArrayList<>();
      for (String part : list.split(Pattern.quote(File.pathSeparator))) {
        if (part.isBlank()) {
          continue;
        }
        Path p = Path.of(part.strip());
        if (!Files.isDirectory(p)) {
          throw new ConfigException(ENV_VAR, "Config folder '" + p + "' listed in the environment variable " + ENV_VAR
              + " does not exist or is not a folder. Create it or remove it from " + ENV_VAR + ".");
        }
        fromEnv.add(p);
      }
      Collections.reverse(fromEnv);
      dirs.addAll(fromEnv);
    }
    dirs.addAll(extraDirs);
    return load(loader, dirs);
  }

  /** All groups, sorted ({@code loss/cls} for nested groups). */
  public List<String> groups() {
    return new ArrayList<>(options.keySet());
  }

  /** Whether the group has at least one option. */
  public boolean hasGroup(String group) {
    return options.containsKey(group);
  }

  /** The options of a group, sorted; empty for an unknown group. */
  public List<String> options(String group) {
    Map<String, Raw> m = options.get(group);
    return m == null ? List.of() : new ArrayList<>(m.keySet());
  }

  /** Whether the group has the option. */
  public boolean hasOption(String group, String option) {
    Map<String, Raw> m = options.get(group);
    return m != null && m.containsKey(option);
  }

  /** Where an option comes from (file path or {@code jar!/entry}), for messages. */
  public String origin(String group, String option) {
    return raw(group, option, null).origin();
  }

  /** The root config {@code config_mml.yaml}. */
  public ConfigFile root() {
    if (root == null) {
      throw new ConfigException(ROOT_NAME, "No root config found: " + RESOURCE_DIR + ROOT_NAME + EXT
          + " is on neither the class path nor in a config folder. Put mml-runtime on the class path.");
    }
    return parse("", ROOT_NAME, root);
  }

  /**
   * One parsed group option.
   *
   * @param context where the choice was made, for messages ({@code "the command line"}); may be
   *     null
   * @throws ConfigException naming the group's options and the closest ones when it does not exist
   */
  public ConfigFile option(String group, String option, String context) {
    return parse(group, option, raw(group, option, context));
  }

  private Raw raw(String group, String option, String context) {
    Map<String, Raw> m = options.get(group);
    String from = context == null ? "" : " (chosen in " + context + ")";
    if (m == null) {
      throw new ConfigException(group, "Unknown config group '" + group + "'" + from + ". Known groups: "
          + String.join(", ", options.keySet()) + "." + ConfigException.didYouMean(Names.closest(group, options.keySet())));
    }
    Raw r = m.get(option);
    if (r == null) {
      throw new ConfigException(group, "Config group '" + group + "' has no option '" + option + "'" + from
          + ". Options: " + String.join(", ", m.keySet()) + "." + ConfigException.didYouMean(Names.closest(option, m.keySet())));
    }
    return r;
  }

  private static ConfigFile parse(String group, String option, Raw raw) {
    ObjectNode content = Yaml.parseMapping(raw.text(), raw.origin());
    String packagePath = group.isEmpty() ? "" : group.replace('/', '.');
    for (String line : raw.text().split("\\R")) {
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (!t.startsWith("#")) {
        break;
      }
      Matcher m = PACKAGE.matcher(t);
      if (m.matches()) {
        String pkg = m.group(1);
        packagePath = switch (pkg) {
          case "_global_" -> "";
          case "_group_" -> group.replace('/', '.');
          default -> pkg;
        };
      }
    }
    List<DefaultEntry> defaults = new ArrayList<>();
    JsonNode list = content.remove("defaults");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw badDefaults(raw, "'defaults' must be a list");
      }
      for (JsonNode item : list) {
        defaults.add(defaultEntry(raw, item));
      }
    }
    return new ConfigFile(group, option, raw.origin(), packagePath, defaults, content);
  }

  private static DefaultEntry defaultEntry(Raw raw, JsonNode item) {
    if (item.isTextual() && item.asText().equals(DefaultEntry.SELF)) {
      return new DefaultEntry(DefaultEntry.SELF, null);
    }
    if (!item.isObject() || item.size() != 1) {
      throw badDefaults(raw, "entry " + item + " must be '- group: option' or '- _self_'");
    }
    Map.Entry<String, JsonNode> e = item.fields().next();
    String key = e.getKey().strip();
    // Hydra spelling: "override /group: option".
    if (key.startsWith("override ")) {
      key = key.substring("override ".length()).strip();
    }
    if (key.startsWith("/")) {
      key = key.substring(1);
    }
    if (key.contains("@") || key.isEmpty()) {
      throw badDefaults(raw, "entry '" + e.getKey() + "' is not supported; write '- group: option'");
    }
    JsonNode v = e.getValue();
    if (v != null && !v.isNull() && !v.isValueNode()) {
      throw badDefaults(raw, "entry '" + e.getKey() + "' must select one option, found " + v);
    }
    return new DefaultEntry(key, v == null || v.isNull() ? null : v.asText());
  }

  private static ConfigException badDefaults(Raw raw, String why) {
    return new ConfigException(raw.origin(), "Bad defaults list in " + raw.origin() + ": " + why + ".");
  }

  // ---------------------------------------------------------------- scanning

  private static void scanClassPath(ClassLoader loader, Raw[] root, Map<String, Map<String, Raw>> options) {
    Enumeration<URL> urls;
    try {
      urls = loader.getResources(RESOURCE_DIR);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + RESOURCE_DIR + " on the class path", e);
    }
    Set<String> seen = new LinkedHashSet<>();
    // Class-path order: the first entry wins, as for any resource.
    while (urls.hasMoreElements()) {
      URL url = urls.nextElement();
      if (!seen.add(url.toString())) {
        continue;
      }
      try {
        switch (url.getProtocol()) {
          case "file" -> scanDir(Path.of(url.toURI()), root, options, false);
          case "jar" -> scanJar(url, root, options);
          default -> LOG.warn("Ignoring config folder {}: cannot list a '{}' URL.", url, url.getProtocol());
        }
      } catch (IOException | URISyntaxException e) {
        throw new ConfigException(url.toString(), "Cannot read the config files in " + url + ": " + e.getMessage(), e);
      }
    }
  }

  private static void scanUserDir(Path dir, Raw[] root, Map<String, Map<String, Raw>> options) {
    try {
      scanDir(dir, root, options, true);
    } catch (IOException e) {
      throw new ConfigException(dir.toString(), "Cannot read the config folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void scanDir(Path dir, Raw[] root, Map<String, Map<String, Raw>> options, boolean override)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(EXT)).sorted().toList();
    }
    for (Path f : files) {
      String rel = dir.relativize(f).toString().replace(File.separatorChar, '/');
      add(rel, new Raw(f.toString(), Files.readString(f, StandardCharsets.UTF_8)), root, options, override);
    }
  }

  private static void scanJar(URL url, Raw[] root, Map<String, Map<String, Raw>> options) throws IOException {
    URLConnection c = url.openConnection();
    if (!(c instanceof JarURLConnection jc)) {
      LOG.warn("Ignoring config folder {}: not a jar connection.", url);
      return;
    }
    // No caching: the jar is read once here and closed, so tests and tools can delete it after.
    jc.setUseCaches(false);
    String jarName = jc.getJarFileURL().toString();
    try (JarFile jar = jc.getJarFile()) {
      List<JarEntry> entries = new ArrayList<>();
      for (Iterator<JarEntry> it = jar.entries().asIterator(); it.hasNext(); ) {
        JarEntry e = it.next();
        if (!e.isDirectory() && e.getName().startsWith(RESOURCE_DIR) && e.getName().endsWith(EXT)) {
          entries.add(e);
        }
      }
      entries.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (JarEntry e : entries) {
        String text;
        try (InputStream in = jar.getInputStream(e)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        add(e.getName().substring(RESOURCE_DIR.length()), new Raw(jarName + "!/" + e.getName(), text), root, options,
            false);
      }
    }
  }

  private static void add(String rel, Raw raw, Raw[] root, Map<String, Map<String, Raw>> options, boolean override) {
    String name = rel.substring(0, rel.length() - EXT.length());
    int slash = name.lastIndexOf('/');
    if (slash < 0) {
      if (name.equals(ROOT_NAME)) {
        if (root[0] == null || override) {
          root[0] = raw;
        }
      } else {
        LOG.debug("Ignoring {}: config files outside a group folder other than {}{} are not used.", raw.origin(),
            ROOT_NAME, EXT);
      }
      return;
    }
    String group = name.substring(0, slash);
    String option = name.substring(slash + 1);
    Map<String, Raw> m = options.computeIfAbsent(group, g -> new TreeMap<>());
    Raw previous = m.get(option);
    if (previous == null || override) {
      if (previous != null) {
        LOG.debug("Config option {}/{} from {} replaces the one from {}.", group, option, raw.origin(), previous.origin());
      }
      m.put(option, raw);
    } else {
      LOG.debug("Config option {}/{} from {} is hidden by the one earlier on the class path, {}.", group, option,
          raw.origin(), previous.origin());
    }
  }
}
