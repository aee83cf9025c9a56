package io.mml.runtime.tasks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes task description files ({@code TASK_<name>.json}): the keys of the format and
 * the entry points, each checking the description ({@code DescriptionValidator}) on the way out
 * and in. The header keys come first in a fixed order so {@link #readHeader(Path)} can stream them
 * and stop at the first body key, without parsing (or even reading) the samples. Serialising is
 * {@code DescriptionWriter}'s, streaming {@code DescriptionReader}'s.
 */
public final class TaskDescriptions {
  private TaskDescriptions() {}

  /** Header keys, in file order. */
  public static final List<String> HEADER_KEYS = List.of("name", "task_type", "keywords", "modalities", "means",
      "stds", "sizes", "idx_to_class", "class_occ", "num_folds", "num_samples", "description", "license", "release",
      "reference", "url", "creation_protocol");
  /** Body keys, in file order. */
  public static final List<String> BODY_KEYS =
      List.of("train_folds", "train_samples", "test_samples", "unlabelled_samples");
  /** Modalities whose values are files relative to the dataset folder. */
  public static final Set<String> PATH_MODALITIES = Set.of("image", "mask");
  /** The mask value of a sample without any foreground (a 1x1 zero mask). */
  public static final String EMPTY_MASK = "EMPTY_MASK";

  /** The one mapper of description files (reader and writer). */
  static final ObjectMapper JSON = new ObjectMapper();

  /** Validates and writes a description atomically (header first, fixed key order). */
  public static void write(Path file, TaskDescription d) {
    DescriptionValidator.validate(d, file.toString());
    DescriptionWriter.write(file, d);
  }

  /** Reads only the header: streams the top-level keys and stops at the first body key. */
  public static TaskHeader readHeader(Path file) {
    return DescriptionReader.readHeader(file);
  }

  /** {@link #readHeader(Path)} from a stream; {@code where} names the source in errors. */
  static TaskHeader readHeader(InputStream in, String where) throws IOException {
    return DescriptionReader.readHeader(in, where);
  }

  /** Reads and validates the whole description. */
  public static TaskDescription read(Path file) {
    TaskDescription d = DescriptionReader.read(file);
    DescriptionValidator.validate(d, file.toString());
    return d;
  }
}
