package io.mml.runtime.tasks;

import static io.mml.runtime.tasks.DescriptionErrors.error;
import static io.mml.runtime.tasks.DescriptionErrors.wrongType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.mml.runtime.config.ConfigException;
import io.mml.runtime.config.Names;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Streams task description files: the header alone, stopping at the first body key so the samples
 * are never parsed (or even read), or the whole file. Rejects what is not the file's shape: unknown
 * or repeated keys (suggesting the closest), missing body keys, folds and samples of the wrong
 * JSON type, sample ids repeated across the splits, malformed JSON. Header values are converted
 * by {@link HeaderConverter}; the rules across keys are {@link DescriptionValidator}'s.
 */
final class DescriptionReader {
  private DescriptionReader() {}

  private static final TypeReference<LinkedHashMap<String, Object>> ENTRY = new TypeReference<>() {};
  private static final List<String> ALL_KEYS =
      Stream.concat(TaskDescriptions.HEADER_KEYS.stream(), TaskDescriptions.BODY_KEYS.stream()).toList();

  /** Reads only the header of {@code file}. */
  static TaskHeader readHeader(Path file) {
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
    try (JsonParser p = TaskDescriptions.JSON.getFactory().createParser(in)) {
      Map<String, JsonNode> header = new HashMap<>();
      expectStart(p, where);
      String firstBodyKey = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (TaskDescriptions.BODY_KEYS.contains(key)) {
          firstBodyKey = key;
          break; // the point of the fixed order: never look at the samples
        }
        readHeaderValue(p, key, header, where);
      }
      if (firstBodyKey == null && t != JsonToken.END_OBJECT) {
        throw error(where, null, "is not a JSON object of keys (found " + t + ")");
      }
      return HeaderConverter.toHeader(header, where, firstBodyKey);
    } catch (JsonProcessingException e) {
      throw new TaskException(where + ": malformed JSON in the header: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads the whole description of {@code file}, not yet checked by {@link DescriptionValidator}. */
  static TaskDescription read(Path file) {
    String where = file.toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        JsonParser p = TaskDescriptions.JSON.getFactory().createParser(in)) {
      Map<String, JsonNode> header = new HashMap<>();
      List<List<String>> folds = null;
      Map<String, Map<String, Map<String, Object>>> body = new HashMap<>();
      Map<String, String> seenIds = new HashMap<>();
      expectStart(p, where);
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (TaskDescriptions.BODY_KEYS.contains(key)) {
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
      TaskHeader h = HeaderConverter.toHeader(header, where, null);
      for (String k : TaskDescriptions.BODY_KEYS) {
        if (k.equals("train_folds") ? folds == null : !body.containsKey(k)) {
          throw error(where, k, "is missing (every description has the keys "
              + String.join(", ", TaskDescriptions.BODY_KEYS) + ")");
        }
      }
      return new TaskDescription(h, folds, body.get("train_samples"), body.get("test_samples"),
          body.get("unlabelled_samples"));
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
    if (!TaskDescriptions.HEADER_KEYS.contains(key)) {
      throw error(where, key, "is not a task description key." + ConfigException.didYouMean(Names.closest(key, ALL_KEYS))
          + " Valid keys: " + String.join(", ", ALL_KEYS));
    }
    if (header.containsKey(key)) {
      throw error(where, key, "appears twice");
    }
    p.nextToken();
    header.put(key, TaskDescriptions.JSON.readTree(p));
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
      samples.put(id, TaskDescriptions.JSON.readValue(p, ENTRY));
    }
    return samples;
  }
}
