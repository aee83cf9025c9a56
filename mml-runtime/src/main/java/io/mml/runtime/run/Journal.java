package io.mml.runtime.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status journal of a run: one JSON line per event, appended and fsync'd before the engine
 * moves on, so that after a SIGKILL the journal names exactly the steps that finished. A torn last
 * line (the process died while writing it) is ignored when reading.
 */
public final class Journal implements AutoCloseable {
  /** The journal's file name in the run folder. */
  public static final String FILE = RunFolder.JOURNAL;

  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What happened to a step. */
  public enum Status {
    STARTED,
    DONE,
    FAILED
  }

  /**
   * One journal line.
   *
   * @param step the step id
   * @param status what happened
   * @param at when
   * @param seconds how long the step took (DONE and FAILED), else 0
   * @param error the failure message (FAILED), else null
   */
  public record Entry(String step, Status status, Instant at, double seconds, String error) {}

  private final FileChannel channel;

  private Journal(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens the journal of a run folder for appending (creating it if needed). */
  public static Journal open(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE);
    // The repair reads the file, and READ cannot be combined with APPEND: repair through a channel of its own.
    try (FileChannel rw = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      repairTornTail(rw, file);
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    return new Journal(ch);
  }

  /** Appends one event and forces it to disk. */
  public synchronized void append(Entry e) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("step", e.step());
    n.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
    n.put("at", e.at().toString());
    if (e.status() != Status.STARTED) {
      n.put("seconds", Math.round(e.seconds() * 1000.0) / 1000.0);
    }
    if (e.error() != null) {
      n.put("error", e.error());
    }
    byte[] line = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.wrap(line);
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
  }

  /** Reads every complete entry of a run's journal (none when the journal does not exist). */
  public static List<Entry> read(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines;
    boolean terminated;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      terminated = text.isEmpty() || text.endsWith("\n");
      lines = text.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the journal " + file + ": " + e.getMessage(), e);
    }
    List<Entry> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(line);
        out.add(new Entry(n.get("step").asText(),
            Status.valueOf(n.get("status").asText().toUpperCase(java.util.Locale.ROOT)),
            Instant.parse(n.get("at").asText()),
            n.path("seconds").asDouble(0),
            n.hasNonNull("error") ? n.get("error").asText() : null));
      } catch (IOException | RuntimeException ex) {
        if (i == lines.size() - 1 && !terminated) {
          LOG.warn("Ignoring a torn last line of {} (the process stopped while writing it).", file);
        } else {
          throw new IllegalStateException("The journal " + file + " is corrupt at line " + (i + 1) + ": '" + line
              + "'. It is written only by mml; restore it from a backup or start a new run.", ex);
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The latest status of every step that has an entry, in first-seen order. */
  public static Map<String, Entry> latestByStep(List<Entry> entries) {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (Entry e : entries) {
      m.put(e.step(), e);
    }
    return m;
  }

  /** Cuts a torn (unterminated) last line so that new entries start on a line of their own. */
  private static void repairTornTail(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    if (size == 0) {
      return;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    ch.read(last, size - 1);
    if (last.get(0) == '\n') {
      return;
    }
    // Find the end of the last complete line and truncate after it.
    long pos = size - 1;
    ByteBuffer one = ByteBuffer.allocate(1);
    while (pos > 0) {
      one.clear();
      ch.read(one, pos - 1);
      if (one.get(0) == '\n') {
        break;
      }
      pos--;
    }
    LOG.warn("Dropping a torn last line of {} ({} bytes) left by a killed process.", file, size - pos);
    ch.truncate(pos);
    ch.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
