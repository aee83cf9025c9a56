package io.mml.runtime.config;

import java.util.Optional;

/**
 * One command-line override in Hydra's grammar, parsed once: {@code key.path=value} (set),
 * {@code +key=value} (add a new key), {@code ++key=value} (set or add), {@code ~key} or
 * {@code ~key=value} (delete, optionally only if it has that value), and {@code group=option}
 * (which is a set whose key names a config group: only the composer knows the groups). Values stay
 * raw text ({@code [a,b]}, {@code 1e-3}, {@code ${x}}); the composer parses them as YAML.
 *
 * @param op what the override does
 * @param key the key path or group as written ({@code trainer.max_epochs}, {@code loss/cls})
 * @param value the text after '=', or null for a delete without a value
 * @param text the override as given
 */
public record ConfigOverride(Op op, String key, String value, String text) {
  /** What an override does. */
  public enum Op {
    /** {@code key=value}: change a value (or choose a group option). */
    SET,
    /** {@code +key=value}: add a key that does not exist yet. */
    ADD,
    /** {@code ++key=value}: set a key, adding it when absent. */
    UPSERT,
    /** {@code ~key}: remove a key (or a group). */
    DELETE
  }

  /** How overrides look, for error messages. */
  public static final String SYNTAX = "Overrides look like key.path=value (change a value), +key.path=value (add a"
      + " new key), ++key.path=value (set or add), ~key.path (remove a key) or group=option (choose a config group"
      + " option); lists are written [a,b].";

  /**
   * Parses one override.
   *
   * @throws ConfigException naming the override and the grammar when it is malformed
   */
  public static ConfigOverride parse(String text) {
    Op op;
    String body;
    if (text.startsWith("~")) {
      op = Op.DELETE;
      body = text.substring(1);
    } else if (text.startsWith("++")) {
      op = Op.UPSERT;
      body = text.substring(2);
    } else if (text.startsWith("+")) {
      op = Op.ADD;
      body = text.substring(1);
    } else {
      op = Op.SET;
      body = text;
    }
    int eq = body.indexOf('=');
    if (eq < 0 && op != Op.DELETE) {
      throw new ConfigException(body, "Override '" + text + "' has no '='. " + SYNTAX);
    }
    String key = (eq < 0 ? body : body.substring(0, eq)).strip();
    if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..") || key.contains(" ")) {
      throw new ConfigException(key, "Override '" + text + "' has no valid key before '='. " + SYNTAX);
    }
    return new ConfigOverride(op, key, eq < 0 ? null : body.substring(eq + 1), text);
  }

  /** Parses, or empty when the text is not a well-formed override. */
  public static Optional<ConfigOverride> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  /** Whether a command-line word is meant as an override (rather than a mode name). */
  public static boolean looksLikeOne(String word) {
    return word.contains("=") || word.startsWith("+") || word.startsWith("~");
  }

  /** The key with group separators as dots ({@code loss/cls} becomes {@code loss.cls}). */
  public String dottedKey() {
    return key.replace('/', '.');
  }

  /** Whether the key is {@code prefix} itself or lies under it ({@code executor}, {@code executor.x}). */
  public boolean isUnder(String prefix) {
    String k = dottedKey();
    return k.equals(prefix) || k.startsWith(prefix + ".");
  }

  /** The value written, or {@code <value>} for messages when there is none. */
  public String valueOrPlaceholder() {
    return value == null ? "<value>" : value;
  }
}
