package io.mml.plugins.similarity;

import io.mml.runtime.data.decoded.DataFileException;
import io.mml.runtime.toolkit.Features;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code features} artifact of a task: its backbone embeddings with their sample ids, in a
 * small binary form (magic {@code MMLFEAT1}, task, rows, width, ids, big-endian floats), so a
 * continued run or a later project ({@code +reuse.features=<project>}) reloads them instead of
 * extracting them again.
 */
public final class FeatureFile {
  private static final String MAGIC = "MMLFEAT1";

  private FeatureFile() {}

  /** The bytes of {@code f}. */
  public static byte[] encode(Features f) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeUTF(f.task());
      out.writeInt(f.size());
      out.writeInt(f.dim());
      for (String id : f.sampleIds()) {
        out.writeUTF(id);
      }
      for (float[] row : f.values()) {
        for (float v : row) {
          out.writeFloat(v);
        }
      }
    }
    return bytes.toByteArray();
  }

  /** Reads a file written by {@link #encode}; an error naming the file and the fix otherwise. */
  public static Features read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IOException("not a features file (magic " + MAGIC + " missing)");
      }
      String task = in.readUTF();
      int n = in.readInt();
      int d = in.readInt();
      if (n < 0 || d < 0) {
        throw new IOException("negative size " + n + " x " + d);
      }
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(in.readUTF());
      }
      float[][] values = new float[n][d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          values[i][j] = in.readFloat();
        }
      }
      return new Features(task, ids, values);
    } catch (IOException e) {
      throw new DataFileException(file, "The features file " + file + " cannot be read (" + e.getMessage()
          + "). Extract the features again: mml similarity mode.subroutines=[features] (without reuse.features).", e);
    }
  }
}
