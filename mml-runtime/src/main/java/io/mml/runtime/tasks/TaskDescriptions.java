package io.mml.runtime.tasks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import io.mml.runtime.files.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes task description files ({@code TASK_<name>.json}). The header keys come first
 * in a fixed order so {@link #readHeader(Path)} can stream them and stop at the first body key,
 * without parsing (or even reading) the samples.
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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> ENTRY = new TypeReference<>() {};
  private static final List<String> ALL_KEYS;

  static {
    List<String> all = new ArrayList<>(HEADER_KEYS);
    all.addAll(BODY_KEYS);
    ALL_KEYS = List.copyOf(all);
  }

  // ------------------------------------------------------------------------------------------ write

  /** Validates and writes a description atomically (header first, fixed key order). */
  public static void write(Path file, TaskDescription d) {
    validate(d, file.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      TaskHeader h = d.header();
      g.writeStartObject();
      g.writeStringField("name", h.name());
      g.writeStringField("task_type", h.taskType());
      g.writeArrayFieldStart("keywords");
      for (String k : h.keywords()) {
        g.writeString(k);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("modalities");
      for (Map.Entry<String, List<String>> e : h.modalities().entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String s : e.getValue()) {
          g.writeString(s);
        }
        g.writeEndArray();
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
      g.writeArrayFieldStart("train_folds");
      for (List<String> fold : d.trainFolds()) {
        g.writeStartArray();
        for (String id : fold) {
          g.writeString(id);
        }
        g.writeEndArray();
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

  // ------------------------------------------------------------------------------------------- read

  /** Reads only the header: streams the top-level keys and stops at the first body key. */
  public static TaskHeader readHeader(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
      return readHeader(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new TaskException("Task description " + file + " does not exist");
    } catch (IOException e) {
      throw new TaskException("Could not read task description " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@link #readHeader(Path)} from a stream; {@code where} names the source in errors. */
  static TaskHeader readHeader(InputStream in, String where) throws IOException {
    try (JsonParser p = JSON.getFactory().createParser(in)) {
      Map<String, JsonNode> header = new HashMap<>();
      expectStart(p, where);
      String firstBodyKey = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (BODY_KEYS.contains(key)) {
          firstBodyKey = key;
          break; // the point of the fixed order: never look at the samples
        }
        readHeaderValue(p, key, header, where);
      }
      if (firstBodyKey == null && t != JsonToken.END_OBJECT) {
        throw error(where, null, "is not a JSON object of keys (found " + t + ")");
      }
      return toHeader(header, where, firstBodyKey);
    } catch (JsonProcessingException e) {
      throw new TaskException(where + ": malformed JSON in the header: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads and validates the whole description. */
  public static TaskDescription read(Path file) {
    String where = file.toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser p = JSON.getFactory().createParser(in)) {
      Map<String, JsonNode> header = new HashMap<>();
      List<List<String>> folds = null;
      Map<String, Map<String, Map<String, Object>>> body = new HashMap<>();
      Map<String, String> seenIds = new HashMap<>();
      expectStart(p, where);
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (BODY_KEYS.contains(key)) {
          if (key.equals("train_folds") ? folds != null : body.containsKey(key)) {
            throw error(where, key, "appears twice");
          }
          p.nextToken();
          if (key.equals("train_folds")) {
            folds = readFolds(p, where);
          } else {
            body.put(key, readSamples(p, key, where, seenIds));
          }
        } else {
          readHeaderValue(p, key, header, where);
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw error(where, null, "is not a JSON object of keys (found " + t + ")");
      }
      TaskHeader h = toHeader(header, where, null);
      for (String k : BODY_KEYS) {
        if (k.equals("train_folds") ? folds == null : !body.containsKey(k)) {
          throw error(where, k, "is missing (every description has the keys " + String.join(", ", BODY_KEYS) + ")");
        }
      }
      TaskDescription d = new TaskDescription(h, folds, body.get("train_samples"), body.get("test_samples"),
          body.get("unlabelled_samples"));
      validate(d, where);
      return d;
    } catch (NoSuchFileException e) {
      throw new TaskException("Task description " + file + " does not exist");
    } catch (JsonProcessingException e) {
      throw new TaskException(where + ": malformed JSON: " + e.getOriginalMessage() + " (at " + location(e) + ")", e);
    } catch (IOException e) {
      throw new TaskException("Could not read task description " + file + ": " + e.getMessage(), e);
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "?" : "line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
  }

  private static void expectStart(JsonParser p, String where) throws IOException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) {
      throw error(where, null, "must be a JSON object (found " + (t == null ? "an empty file" : t) + ")");
    }
  }

  private static void readHeaderValue(JsonParser p, String key, Map<String, JsonNode> header, String where)
      throws IOException {
    if (!HEADER_KEYS.contains(key)) {
      throw error(where, key, "is not a task description key." + ConfigException.didYouMean(Names.closest(key, ALL_KEYS))
          + " Valid keys: " + String.join(", ", ALL_KEYS));
    }
    if (header.containsKey(key)) {
      throw error(where, key, "appears twice");
    }
    p.nextToken();
    header.put(key, JSON.readTree(p));
  }

  private static List<List<String>> readFolds(JsonParser p, String where) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw wrongType(where, "train_folds", "a list of lists of sample ids", p.currentToken());
    }
    List<List<String>> folds = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw wrongType(where, "train_folds[" + folds.size() + "]", "a list of sample ids", p.currentToken());
      }
      List<String> fold = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
          throw wrongType(where, "train_folds[" + folds.size() + "]", "a list of sample ids (strings)",
              p.currentToken());
        }
        fold.add(p.getText());
      }
      folds.add(fold);
    }
    return folds;
  }

  private static Map<String, Map<String, Object>> readSamples(JsonParser p, String key, String where,
      Map<String, String> seenIds) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw wrongType(where, key, "an object of sample id to sample", p.currentToken());
    }
    Map<String, Map<String, Object>> samples = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String id = p.currentName();
      String earlier = seenIds.putIfAbsent(id, key);
      if (earlier != null) {
        throw error(where, key, "duplicate sample id '" + id + "'"
            + (earlier.equals(key) ? "" : " (already in " + earlier + ")") + "; sample ids must be unique");
      }
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw wrongType(where, key + "." + id, "an object of modality to value", p.currentToken());
      }
      samples.put(id, JSON.readValue(p, ENTRY));
    }
    return samples;
  }

  // ------------------------------------------------------------------------------------- conversion

  private static TaskHeader toHeader(Map<String, JsonNode> n, String where, String firstBodyKey) {
    for (String k : HEADER_KEYS) {
      if (!n.containsKey(k)) {
        String hint = firstBodyKey == null ? "" : " before the first body key '" + firstBodyKey
            + "' (header keys must come first: " + String.join(", ", HEADER_KEYS) + ")";
        throw error(where, k, "header key is missing" + hint);
      }
    }
    return new TaskHeader(
        text(n, "name", where),
        text(n, "task_type", where),
        texts(n.get("keywords"), "keywords", where),
        modalities(n.get("modalities"), where),
        numbers(n.get("means"), "means", where),
        numbers(n.get("stds"), "stds", where),
        sizes(n.get("sizes"), where),
        idxToClass(n.get("idx_to_class"), where),
        classOcc(n.get("class_occ"), where),
        count(n, "num_folds", where),
        count(n, "num_samples", where),
        text(n, "description", where),
        text(n, "license", where),
        text(n, "release", where),
        text(n, "reference", where),
        text(n, "url", where),
        text(n, "creation_protocol", where));
  }

  private static String text(Map<String, JsonNode> n, String key, String where) {
    JsonNode v = n.get(key);
    if (!v.isTextual()) {
      throw wrongType(where, key, "a string", v);
    }
    return v.asText();
  }

  private static int count(Map<String, JsonNode> n, String key, String where) {
    JsonNode v = n.get(key);
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      throw wrongType(where, key, "a non-negative integer", v);
    }
    return v.asInt();
  }

  private static List<String> texts(JsonNode v, String key, String where) {
    if (!v.isArray()) {
      throw wrongType(where, key, "a list of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw wrongType(where, key, "a list of strings", e);
      }
      out.add(e.asText());
    }
    return out;
  }

  private static Map<String, List<String>> modalities(JsonNode v, String where) {
    if (!v.isObject()) {
      throw wrongType(where, "modalities", "an object of modality to list of file suffixes", v);
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), texts(e.getValue(), "modalities." + e.getKey(), where));
    }
    return out;
  }

  private static List<Double> numbers(JsonNode v, String key, String where) {
    if (!v.isArray()) {
      throw wrongType(where, key, "a list of numbers (one per channel)", v);
    }
    List<Double> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isNumber()) {
        throw wrongType(where, key, "a list of numbers (one per channel)", e);
      }
      out.add(e.asDouble());
    }
    return out;
  }

  private static List<Integer> sizes(JsonNode v, String where) {
    String want = "a list [minHeight, maxHeight, minWidth, maxWidth] of non-negative integers";
    if (!v.isArray() || v.size() != 4) {
      throw wrongType(where, "sizes", want, v);
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isIntegralNumber() || e.asInt() < 0) {
        throw wrongType(where, "sizes", want, e);
      }
      out.add(e.asInt());
    }
    return out;
  }

  private static TreeMap<Integer, String> idxToClass(JsonNode v, String where) {
    if (!v.isObject()) {
      throw wrongType(where, "idx_to_class", "an object of class index to class name", v);
    }
    TreeMap<Integer, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      int idx;
      try {
        idx = Integer.parseInt(e.getKey());
      } catch (NumberFormatException nfe) {
        throw error(where, "idx_to_class", "'" + e.getKey() + "' is not an integer class index");
      }
      if (!e.getValue().isTextual()) {
        throw wrongType(where, "idx_to_class." + e.getKey(), "a class name (string)", e.getValue());
      }
      out.put(idx, e.getValue().asText());
    }
    return out;
  }

  private static Map<String, Long> classOcc(JsonNode v, String where) {
    if (!v.isObject()) {
      throw wrongType(where, "class_occ", "an object of class name to count", v);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
        throw wrongType(where, "class_occ." + e.getKey(), "a non-negative integer count", e.getValue());
      }
      out.put(e.getKey(), e.getValue().asLong());
    }
    return out;
  }

  // ------------------------------------------------------------------------------------- validation

  /** Checks the rules every description obeys; {@code where} names the file in errors. */
  static void validate(TaskDescription d, String where) {
    TaskHeader h = d.header();
    if (!TaskNames.isValidName(h.name())) {
      throw error(where, "name", "'" + h.name() + "' is not a valid task name: " + TaskNames.problem(h.name()));
    }
    if (h.numFolds() != d.trainFolds().size()) {
      throw error(where, "num_folds", "is " + h.numFolds() + " but train_folds has " + d.trainFolds().size()
          + " folds");
    }
    if (h.numSamples() != d.countTrainSamples()) {
      throw error(where, "num_samples", "is " + h.numSamples() + " but the description has " + d.countTrainSamples()
          + " training samples");
    }
    Map<String, String> splitOf = new HashMap<>();
    checkSamples(d.trainSamples(), "train_samples", where, splitOf);
    checkSamples(d.testSamples(), "test_samples", where, splitOf);
    checkSamples(d.unlabelledSamples(), "unlabelled_samples", where, splitOf);
    Map<String, Integer> foldOf = new HashMap<>();
    for (int f = 0; f < d.trainFolds().size(); f++) {
      for (String id : d.trainFolds().get(f)) {
        if (!d.trainSamples().containsKey(id)) {
          throw error(where, "train_folds[" + f + "]", "sample id '" + id + "' is not in train_samples");
        }
        Integer other = foldOf.putIfAbsent(id, f);
        if (other != null) {
          throw error(where, "train_folds", "sample id '" + id + "' is in folds " + other + " and " + f
              + "; folds must be disjoint");
        }
      }
    }
    if (!d.trainFolds().isEmpty() && foldOf.size() != d.trainSamples().size()) {
      Set<String> missing = new LinkedHashSet<>(d.trainSamples().keySet());
      missing.removeAll(foldOf.keySet());
      throw error(where, "train_folds", missing.size() + " training sample(s) are in no fold, e.g. '"
          + missing.iterator().next() + "'");
    }
  }

  private static void checkSamples(Map<String, Map<String, Object>> samples, String split, String where,
      Map<String, String> splitOf) {
    for (Map.Entry<String, Map<String, Object>> s : samples.entrySet()) {
      String other = splitOf.putIfAbsent(s.getKey(), split);
      if (other != null) {
        throw error(where, split, "duplicate sample id '" + s.getKey() + "' (already in " + other
            + "); sample ids must be unique");
      }
      for (Map.Entry<String, Object> e : s.getValue().entrySet()) {
        if (!PATH_MODALITIES.contains(e.getKey())) {
          continue;
        }
        String at = split + "." + s.getKey() + "." + e.getKey();
        if (!(e.getValue() instanceof String path)) {
          throw error(where, at, "must be a path (string) relative to the dataset folder, found "
              + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()));
        }
        if (e.getKey().equals("mask") && path.equals(EMPTY_MASK)) {
          continue;
        }
        String problem = pathProblem(path);
        if (problem != null) {
          throw error(where, at, "path '" + path + "' " + problem);
        }
      }
    }
  }

  /** Why a sample path is not a plain path inside the dataset folder, or null when it is. */
  static String pathProblem(String path) {
    if (path.isEmpty()) {
      return "is empty";
    }
    String u = path.replace('\\', '/');
    boolean drive = u.length() >= 2 && u.charAt(1) == ':' && Character.isLetter(u.charAt(0));
    if (u.startsWith("/") || drive || Path.of(path).isAbsolute()) {
      return "is absolute; sample paths must be relative to the dataset folder";
    }
    if (u.equals("..") || u.startsWith("../") || u.endsWith("/..") || u.contains("/../")) {
      return "escapes the dataset folder ('..'); sample paths must stay inside it";
    }
    return null;
  }

  private static TaskException error(String where, String key, String problem) {
    return new TaskException(where + (key == null ? "" : ": key '" + key + "'") + ": " + problem);
  }

  private static TaskException wrongType(String where, String key, String want, JsonNode found) {
    return error(where, key, "must be " + want + ", found " + found.getNodeType().toString().toLowerCase()
        + (found.isValueNode() ? " " + found : ""));
  }

  private static TaskException wrongType(String where, String key, String want, JsonToken found) {
    return error(where, key, "must be " + want + ", found " + found);
  }
}
