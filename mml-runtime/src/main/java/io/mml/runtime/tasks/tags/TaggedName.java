package io.mml.runtime.tasks.tags;

import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parsed task name {@code base+tag?arg?arg+tag2}: the base task and the tags applied to it left to right.
 * Every prefix ({@code base}, {@code base+tag}, ...) is itself a task name.
 *
 * @param full the name as written
 * @param base the base task name
 * @param tags the tags in order
 */
public record TaggedName(String full, String base, List<Call> tags) {

  /** One tag with its arguments as written ({@code 0_5}). */
  public record Call(String name, List<String> args) {
    public Call {
      args = List.copyOf(args);
    }

    /** {@code name?arg?arg}. */
    public String text() {
      return args.isEmpty() ? name : name + TaskNames.ARG_SEP + String.join(TaskNames.ARG_SEP, args);
    }
  }

  public TaggedName {
    tags = List.copyOf(tags);
  }

  /** Whether the name has tags. */
  public boolean isTagged() {
    return !tags.isEmpty();
  }

  /** The name of the prefix with the first {@code n} tags ({@code prefix(0)} is the base). */
  public String prefix(int n) {
    StringBuilder sb = new StringBuilder(base);
    for (int i = 0; i < n; i++) {
      sb.append(TaskNames.TAG_SEP).append(tags.get(i).text());
    }
    return sb.toString();
  }

  /** Parses with the default tags. */
  public static TaggedName parse(String full) {
    return parse(full, Tags.defaults());
  }

  /**
   * Parses and checks a (possibly tagged) name: the base name rules, that every tag exists, its number of
   * arguments and their values. Nothing is read or written.
   *
   * @throws TaskException naming the full name, the bad tag or argument, and the valid tags
   */
  public static TaggedName parse(String full, Tags known) {
    if (full == null || full.isEmpty()) {
      throw new TaskException("Invalid task name '': the name is empty");
    }
    String[] parts = full.split("\\+", -1);
    String baseProblem = TaskNames.baseProblem(parts[0]);
    if (baseProblem != null) {
      throw new TaskException("Invalid task name '" + full + "': " + baseProblem);
    }
    List<Call> calls = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        throw bad(full, "an empty tag (two '+' in a row, or a '+' at the end)", known);
      }
      if (part.indexOf('.') >= 0) {
        throw bad(full, "tag '" + part + "' contains '.'; decimals are written with '_' (use '+"
            + part.replace('.', '_') + "')", known);
      }
      String[] pieces = part.split("\\?", -1);
      String name = pieces[0];
      List<String> args = Arrays.asList(pieces).subList(1, pieces.length);
      Tag tag = known.get(name);
      if (tag == null) {
        throw bad(full, "unknown tag '" + name + "'." + ConfigException.didYouMean(Names.closest(name, known.names())),
            known);
      }
      for (String a : args) {
        if (a.isEmpty()) {
          throw bad(full, "tag '" + part + "' has an empty argument (usage: " + tag.usage() + ")", known);
        }
      }
      if (args.size() < tag.minArgs() || args.size() > tag.maxArgs()) {
        String want = tag.minArgs() == tag.maxArgs() ? Integer.toString(tag.minArgs())
            : tag.minArgs() + " to " + tag.maxArgs();
        throw bad(full, "tag '" + name + "' takes " + want + " argument(s), got " + args.size() + " in '" + part
            + "' (usage: " + tag.usage() + ")", known);
      }
      try {
        tag.checkArgs(args);
      } catch (IllegalArgumentException e) {
        throw bad(full, "tag '" + part + "': " + e.getMessage() + " (usage: " + tag.usage() + ")", known);
      }
      calls.add(new Call(name, args));
    }
    String generic = TaskNames.problem(full); // the remaining character rules (e.g. upper case tags)
    if (generic != null) {
      throw bad(full, generic, known);
    }
    return new TaggedName(full, parts[0], calls);
  }

  private static TaskException bad(String full, String problem, Tags known) {
    String sep = problem.endsWith(".") ? " " : ". ";
    return new TaskException("Invalid task name '" + full + "': " + problem + sep + "Valid tags: " + known.usages()
        + " (syntax: base+tag?arg?arg+tag2)");
  }
}
