package io.mml.runtime.tasks.create;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mml.runtime.tasks.TaskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code segmentation}: an images folder and a masks folder matched by file name without extension
 * ({@code mode.images}, {@code mode.masks}; default {@code <source>/images} and
 * {@code <source>/masks}), optional test pairs ({@code mode.test_images}, {@code mode.test_masks};
 * default {@code <source>/test/images} and {@code <source>/test/masks} when present). Masks hold
 * class indices (255 = ignore). Classes: {@code mode.classes=[background,tumour]} (index = position)
 * or {@code mode.class_map=<file>} (a JSON object {"0": "background", ...} or lines
 * {@code 0,background} / {@code 0: background}).
 */
public final class SegmentationImporter implements TaskCreatorProvider {
  @Override
  public String name() {
    return "segmentation";
  }

  @Override
  public String description() {
    return "images + masks folders matched by file name, with a class map (semantic_segmentation)";
  }

  @Override
  public ImportedTask read(ImportContext ctx) throws IOException {
    if (ctx.type() != null && !ctx.type().equals("semantic_segmentation")) {
      throw new TaskException("Importer 'segmentation' creates semantic_segmentation tasks, not '" + ctx.type() + "'");
    }
    Path images = dir(ctx, "images", "images", true);
    Path masks = dir(ctx, "masks", "masks", true);
    SortedMap<Integer, String> classes = classes(ctx);
    List<Sample> train = pairs(ctx, images, masks, "");
    List<Sample> test = List.of();
    Path testImages = dir(ctx, "test_images", "test/images", false);
    Path testMasks = dir(ctx, "test_masks", "test/masks", false);
    if (testImages != null || testMasks != null) {
      if (testImages == null || testMasks == null) {
        throw new TaskException("Importer 'segmentation': test images and test masks must be given together"
            + " (mode.test_images, mode.test_masks)");
      }
      test = pairs(ctx, testImages, testMasks, "test/");
    }
    return new ImportedTask("semantic_segmentation", classes, train, test, List.of(),
        "Imported from the images " + images + " and masks " + masks);
  }

  private static Path dir(ImportContext ctx, String key, String fallback, boolean required) {
    Path p = ctx.pathOption(key);
    if (p == null && ctx.source() != null && Files.isDirectory(ctx.source().resolve(fallback))) {
      p = ctx.source().resolve(fallback).toAbsolutePath().normalize();
    }
    if (p == null) {
      if (!required) {
        return null;
      }
      throw new TaskException("Importer 'segmentation' needs mode." + key + "=<folder> (or mode.source=<folder> with"
          + " a " + fallback + "/ sub-folder)");
    }
    if (!Files.isDirectory(p)) {
      throw new TaskException("Importer 'segmentation': mode." + key + " folder " + p + " does not exist");
    }
    return p;
  }

  private static List<Sample> pairs(ImportContext ctx, Path images, Path masks, String prefix) {
    Map<String, Path> byStem = index(images, "image");
    Map<String, Path> maskByStem = index(masks, "mask");
    for (Map.Entry<String, Path> m : maskByStem.entrySet()) {
      if (!byStem.containsKey(m.getKey())) {
        throw new TaskException("Importer 'segmentation': mask " + m.getValue() + " has no image of the same name in "
            + images);
      }
    }
    List<Sample> out = new ArrayList<>();
    for (Map.Entry<String, Path> i : byStem.entrySet()) {
      Path mask = maskByStem.get(i.getKey());
      if (mask == null) {
        throw new TaskException("Importer 'segmentation': image " + i.getValue() + " has no mask of the same name in "
            + masks);
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("image", ctx.copy(i.getValue(), prefix + "images/" + ImageFiles.rel(images, i.getValue())));
      e.put("mask", ctx.copy(mask, prefix + "masks/" + ImageFiles.rel(masks, mask)));
      out.add(new Sample(prefix + i.getKey(), e, i.getValue().toString()));
    }
    return out;
  }

  private static Map<String, Path> index(Path dir, String what) {
    Map<String, Path> out = new TreeMap<>();
    for (Path f : ImageFiles.list(dir, true)) {
      String key = ImageFiles.withoutExtension(ImageFiles.rel(dir, f));
      Path old = out.put(key, f);
      if (old != null) {
        throw new TaskException("Importer 'segmentation': duplicate sample id '" + key + "': " + what + "s " + old
            + " and " + f + " have the same name");
      }
    }
    return out;
  }

  private static SortedMap<Integer, String> classes(ImportContext ctx) throws IOException {
    List<String> list = ctx.optionList("classes");
    Path map = ctx.pathOption("class_map");
    SortedMap<Integer, String> out = new TreeMap<>();
    if (!list.isEmpty() && map != null) {
      throw new TaskException("Importer 'segmentation': give mode.classes or mode.class_map, not both");
    }
    if (!list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        out.put(i, list.get(i).strip());
      }
      return out;
    }
    if (map == null) {
      throw new TaskException("Importer 'segmentation' needs the classes: mode.classes=[background,tumour,...]"
          + " (mask value = position) or mode.class_map=<file>");
    }
    if (!Files.isRegularFile(map)) {
      throw new TaskException("Importer 'segmentation': class map " + map + " does not exist");
    }
    String text = Files.readString(map, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{")) {
      JsonNode n;
      try {
        n = new ObjectMapper().readTree(text);
      } catch (IOException e) {
        throw new TaskException("Class map " + map + " is not valid JSON: " + e.getMessage(), e);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(index(e.getKey(), map, e.getKey()), e.getValue().asText());
      }
      return out;
    }
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] kv = l.split("\\s*[,:=\\t]\\s*", 2);
      if (kv.length != 2 || kv[1].isBlank()) {
        throw new TaskException("Class map " + map + ": line " + (i + 1) + " '" + l + "' is not '<index>,<name>'");
      }
      out.put(index(kv[0], map, "line " + (i + 1)), kv[1].strip());
    }
    return out;
  }

  private static int index(String s, Path map, String where) {
    try {
      int i = Integer.parseInt(s.strip());
      if (i < 0 || i > 254) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new TaskException("Class map " + map + ": " + where + ": '" + s + "' is not a class index in 0..254");
    }
  }
}
