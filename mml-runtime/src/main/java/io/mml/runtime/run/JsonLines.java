package io.mml.runtime.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of JSON lines that survives SIGKILL: every line is forced to disk before
 * {@link #append} returns, a torn last line (the process died while writing it) is cut when the
 * file is opened again and ignored when it is read. The run journal and the sweep's trial journal
 * are written through it.
 */
public final class JsonLines implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonLines.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileChannel channel;

  private JsonLines(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens the file for appending (creating it if needed) after cutting a torn last line. */
  public static JsonLines open(Path file) throws IOException {
    // The repair reads the file, and READ cannot be combined with APPEND: repair through a channel of its own.
    try (FileChannel rw = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      repairTornTail(rw, file);
    }
    return new JsonLines(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND));
  }

  /** Appends one line and forces it to disk. */
  public synchronized void append(JsonNode line) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    channel.force(false);
  }

  /**
   * Every complete line of the file (none when it does not exist). A torn last line is skipped with
   * a warning; an unreadable line elsewhere is corruption and fails, naming the file and line.
   */
  public static List<JsonNode> read(Path file) {
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
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    List<JsonNode> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(JSON.readTree(line));
      } catch (IOException ex) {
        if (i == lines.size() - 1 && !terminated) {
          LOG.warn("Ignoring a torn last line of {} (the process stopped while writing it).", file);
        } else {
          throw corrupt(file, i + 1, line, ex);
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The error for an unreadable line that is not a torn tail. */
  public static IllegalStateException corrupt(Path file, int lineNo, String line, Exception cause) {
    return new IllegalStateException("The file " + file + " is corrupt at line " + lineNo + ": '" + line
        + "'. It is written only by mml; restore it from a backup or start anew.", cause);
  }

  /** Cuts a torn (unterminated) last line so that new lines start on a line of their own. */
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
