package io.mml.runtime.tasks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mml.runtime.files.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Serialises a task description to its file: pretty-printed JSON, the keys in the fixed order of
 * {@link TaskDescriptions#HEADER_KEYS} then {@link TaskDescriptions#BODY_KEYS} (so the header can
 * be streamed alone), written atomically. It does not check the description; its caller does.
 */
final class DescriptionWriter {
  private DescriptionWriter() {}

  /** Writes {@code d} to {@code file} atomically. */
  static void write(Path file, TaskDescription d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try (JsonGenerator g = TaskDescriptions.JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      writeHeader(g, d.header());
      g.writeArrayFieldStart("train_folds");
      for (List<String> fold : d.trainFolds()) {
        writeStrings(g, fold);
      }
      g.writeEndArray();
      writeSamples(g, "train_samples", d.trainSamples());
      writeSamples(g, "test_samples", d.testSamples());
      writeSamples(g, "unlabelled_samples", d.unlabelledSamples());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not serialise the description of task '" + d.header().name() + "': "
          + e.getMessage(), e);
    }
    out.write('\n');
    AtomicFiles.write(file, out.toByteArray());
  }

  private static void writeHeader(JsonGenerator g, TaskHeader h) throws IOException {
    g.writeStringField("name", h.name());
    g.writeStringField("task_type", h.taskType());
    g.writeFieldName("keywords");
    writeStrings(g, h.keywords());
    g.writeObjectFieldStart("modalities");
    for (Map.Entry<String, List<String>> e : h.modalities().entrySet()) {
      g.writeFieldName(e.getKey());
      writeStrings(g, e.getValue());
    }
    g.writeEndObject();
    writeNumbers(g, "means", h.means());
    writeNumbers(g, "stds", h.stds());
    g.writeArrayFieldStart("sizes");
    for (int s : h.sizes()) {
      g.writeNumber(s);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("idx_to_class");
    for (Map.Entry<Integer, String> e : h.idxToClass().entrySet()) {
      g.writeStringField(Integer.toString(e.getKey()), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("class_occ");
    for (Map.Entry<String, Long> e : h.classOcc().entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("num_folds", h.numFolds());
    g.writeNumberField("num_samples", h.numSamples());
    g.writeStringField("description", h.description());
    g.writeStringField("license", h.license());
    g.writeStringField("release", h.release());
    g.writeStringField("reference", h.reference());
    g.writeStringField("url", h.url());
    g.writeStringField("creation_protocol", h.creationProtocol());
  }

  private static void writeStrings(JsonGenerator g, List<String> values) throws IOException {
    g.writeStartArray();
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeNumbers(JsonGenerator g, String key, List<Double> values) throws IOException {
    g.writeArrayFieldStart(key);
    for (double v : values) {
      g.writeNumber(v);
    }
    g.writeEndArray();
  }

  private static void writeSamples(JsonGenerator g, String key, Map<String, Map<String, Object>> samples)
      throws IOException {
    g.writeObjectFieldStart(key);
    for (Map.Entry<String, Map<String, Object>> e : samples.entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeObject(e.getValue());
    }
    g.writeEndObject();
  }
}
