package io.mml.runtime.tasks.tags;

import io.mml.runtime.tasks.TaskDescription;
import io.mml.runtime.tasks.TaskDescriptions;
import io.mml.runtime.tasks.TaskException;
import io.mml.runtime.tasks.TaskFiles;
import io.mml.runtime.tasks.TaskHeader;
import io.mml.runtime.tasks.TaskIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creation of tagged tasks on first use. {@link #resolve} returns the header of a (possibly tagged) task; a tagged
 * task that is not installed is derived from its longest installed prefix (the base task or an already created
 * tagged prefix) by applying the remaining tags left to right. Every intermediate prefix is written as
 * {@code TASK_<prefix>.json} into the base's dataset folder and registered in the index, so {@code a+x+y} also
 * installs {@code a+x}.
 *
 * <p>Determinism: the seed of each tag is derived from the prefix alias that tag produces ({@link #seedOf}), so a
 * prefix is the same whether it is created on its own or on the way to a longer name, and the same alias always
 * gives byte-identical JSON.
 *
 * <p>Concurrency: each file is written under a per-alias lock ({@code <dataRoot>/.locks/tag_<hash>.lock}; a JVM
 * monitor for threads, a {@link FileLock} for processes) and atomically renamed into place; whoever gets the lock
 * second finds the file and reads it instead of writing.
 */
public final class TaggedTasks {
  private static final Logger LOG = LoggerFactory.getLogger(TaggedTasks.class);
  private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();
  /** The folder under the data root holding the lock files. */
  public static final String LOCK_DIR = ".locks";

  private TaggedTasks() {}

  /** Parses every name (nothing is read or written); the first bad one throws a {@link TaskException}. */
  public static List<TaggedName> checkAll(Collection<String> names) {
    List<TaggedName> out = new ArrayList<>();
    for (String n : names) {
      out.add(TaggedName.parse(n));
    }
    return out;
  }

  /** {@link #resolve(TaskIndex, String, Tags)} with the default tags. */
  public static TaskHeader resolve(TaskIndex index, String name) {
    return resolve(index, name, Tags.defaults());
  }

  /**
   * The raw header of {@code name}, creating the tagged task (and its missing prefixes) first when needed.
   *
   * @throws TaskException for an invalid name or tag (before anything is written), a base task that is not
   *     installed (the index's message), or a tag that does not fit the task
   */
  public static TaskHeader resolve(TaskIndex index, String name, Tags tags) {
    TaggedName parsed = TaggedName.parse(name, tags);
    if (index.contains(name)) {
      return index.header(name);
    }
    if (!parsed.isTagged()) {
      return index.header(name); // the index's "not installed" message
    }
    int have = parsed.tags().size();
    while (have > 0 && !index.contains(parsed.prefix(have))) {
      have--;
    }
    if (have == 0 && !index.contains(parsed.base())) {
      throw new TaskException("Cannot create the tagged task '" + name + "': "
          + index.unknownTaskMessage(parsed.base()));
    }
    Path parentFile = index.descriptionPath(parsed.prefix(have));
    Path datasetDir = parentFile.getParent();
    // Derive every missing prefix in memory first: a tag that does not fit the task fails before anything is written.
    TaskDescription current = TaskDescriptions.read(parentFile);
    List<TaskDescription> derived = new ArrayList<>();
    for (int i = have; i < parsed.tags().size(); i++) {
      current = derive(current, parsed, i, tags);
      derived.add(current);
    }
    TaskHeader last = null;
    for (TaskDescription d : derived) {
      last = install(index, datasetDir, d);
    }
    return last;
  }

  /** Applies tag {@code i} of {@code name} to {@code parent} (the prefix with {@code i} tags). */
  static TaskDescription derive(TaskDescription parent, TaggedName name, int i, Tags tags) {
    TaggedName.Call call = name.tags().get(i);
    String alias = name.prefix(i + 1);
    long seed = seedOf(alias);
    TaskDescription child;
    try {
      child = tags.get(call.name()).apply(parent, call.args(), seed);
    } catch (IllegalArgumentException e) {
      throw new TaskException("Cannot create the tagged task '" + name.full() + "': tag '+" + call.text() + "' on '"
          + name.prefix(i) + "': " + e.getMessage());
    }
    return TagSupport.finish(child, alias, "tag +" + call.text() + " applied to " + name.prefix(i) + " (seed " + seed
        + ")");
  }

  /** Applies all tags of {@code name} to {@code base} in memory (no files); for previews and tests. */
  public static TaskDescription deriveAll(TaskDescription base, String name) {
    TaggedName parsed = TaggedName.parse(name);
    if (!parsed.base().equals(base.header().name())) {
      throw new TaskException("'" + name + "' is not a tagged name of task '" + base.header().name() + "'");
    }
    TaskDescription d = base;
    for (int i = 0; i < parsed.tags().size(); i++) {
      d = derive(d, parsed, i, Tags.defaults());
    }
    return d;
  }

  /** The seed of the tag producing {@code alias}: the first 8 bytes of SHA-256 of the alias, non-negative. */
  public static long seedOf(String alias) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(alias.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(h).getLong() & Long.MAX_VALUE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TaskHeader install(TaskIndex index, Path datasetDir, TaskDescription d) {
    String alias = d.header().name();
    Path target = TaskFiles.descriptionFile(datasetDir, alias);
    if (Files.isRegularFile(target)) {
      return index.register(target); // created meanwhile (another process, or the index is older than the file)
    }
    Path lockDir = index.dataRoot().resolve(LOCK_DIR);
    Path lockFile = lockDir.resolve("tag_" + HexFormat.of().formatHex(sha(datasetDir + "/" + alias), 0, 12)
        + ".lock");
    Object monitor = MONITORS.computeIfAbsent(lockFile, k -> new Object());
    synchronized (monitor) {
      try {
        Files.createDirectories(lockDir);
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignored = ch.lock()) {
          if (Files.isRegularFile(target)) {
            LOG.debug("Tagged task '{}' was created meanwhile; using {}", alias, target);
          } else {
            TaskDescriptions.write(target, d);
            LOG.info("Created tagged task '{}' ({} training samples, {} folds) at {}", alias, d.header().numSamples(),
                d.header().numFolds(), target);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not create tagged task '" + alias + "' at " + target + ": "
            + e.getMessage(), e);
      }
    }
    return index.register(target);
  }

  private static byte[] sha(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
