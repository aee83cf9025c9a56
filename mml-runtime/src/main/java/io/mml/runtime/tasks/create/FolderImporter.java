package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.TaskException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code folder}: a class-per-folder image tree, {@code train/<class>/*}, optional
 * {@code test/<class>/*} and optional {@code unlabelled/*} (or {@code unlabeled/*}); images by
 * extension (png, jpg, jpeg, bmp, tif, tiff). Sample ids are the paths without extension
 * ({@code train/cat/001}). Type: classification (or no_task, which keeps only the images).
 */
public final class FolderImporter implements TaskCreatorProvider {
  @Override
  public String name() {
    return "folder";
  }

  @Override
  public String description() {
    return "class-per-folder images: train/<class>/*, optional test/<class>/*, optional unlabelled/*";
  }

  @Override
  public ImportedTask read(ImportContext ctx) {
    Path src = ctx.requireSource();
    if (!Files.isDirectory(src)) {
      throw new TaskException("Importer 'folder': source " + src + " is not a folder");
    }
    String type = ctx.type() == null ? "classification" : ctx.type();
    if (!type.equals("classification") && !type.equals("no_task")) {
      throw new TaskException("Importer 'folder' creates classification or no_task tasks, not '" + type + "'");
    }
    boolean labelled = type.equals("classification");
    Path trainDir = src.resolve("train");
    Path testDir = src.resolve("test");
    Path unlDir = Files.isDirectory(src.resolve("unlabelled")) ? src.resolve("unlabelled") : src.resolve("unlabeled");
    if (!Files.isDirectory(trainDir) && !(type.equals("no_task") && Files.isDirectory(unlDir))) {
      throw new TaskException("Importer 'folder': " + src + " has no train/ folder (expected train/<class>/<image>,"
          + " optional test/<class>/<image> and unlabelled/<image>)");
    }
    SortedMap<Integer, String> idxToClass = new TreeMap<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    if (Files.isDirectory(trainDir)) {
      for (Path c : ImageFiles.folders(trainDir)) {
        index.put(c.getFileName().toString(), index.size());
        idxToClass.put(index.size() - 1, c.getFileName().toString());
      }
      for (Path f : ImageFiles.list(trainDir, false)) {
        throw new TaskException("Importer 'folder': image " + f + " lies directly in train/; put it in a class folder"
            + " train/<class>/");
      }
    }
    List<Sample> train = labelled ? split(ctx, src, trainDir, index, "train") : List.of();
    List<Sample> test = labelled && Files.isDirectory(testDir) ? split(ctx, src, testDir, index, "test") : List.of();
    List<Sample> unl = new ArrayList<>();
    List<Path> unlFiles = new ArrayList<>();
    if (Files.isDirectory(unlDir)) {
      unlFiles.addAll(ImageFiles.list(unlDir, true));
    }
    if (!labelled && Files.isDirectory(trainDir)) {
      unlFiles.addAll(ImageFiles.list(trainDir, true));
    }
    for (Path f : unlFiles) {
      String rel = ImageFiles.rel(src, f);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("image", ctx.copy(f, rel));
      unl.add(new Sample(ImageFiles.withoutExtension(rel), e, f.toString()));
    }
    return new ImportedTask(type, labelled ? idxToClass : new TreeMap<>(), train, test, unl,
        "Imported from the image folders " + src);
  }

  private static List<Sample> split(ImportContext ctx, Path src, Path dir, Map<String, Integer> index, String split) {
    List<Sample> out = new ArrayList<>();
    for (Path c : ImageFiles.folders(dir)) {
      String cls = c.getFileName().toString();
      Integer idx = index.get(cls);
      if (idx == null) {
        throw new TaskException("Importer 'folder': " + split + " class folder " + c + " has no train/" + cls
            + " counterpart; known classes: " + index.keySet());
      }
      for (Path f : ImageFiles.list(c, true)) {
        String rel = ImageFiles.rel(src, f);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("image", ctx.copy(f, rel));
        e.put("class", idx);
        out.add(new Sample(ImageFiles.withoutExtension(rel), e, f.toString()));
      }
    }
    return out;
  }
}
