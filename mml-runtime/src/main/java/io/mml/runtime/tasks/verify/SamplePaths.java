package io.mml.runtime.tasks.verify;

import io.mml.runtime.modality.VerifyContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Resolves a sample's file entry against the dataset folder, refusing anything that escapes it. */
public final class SamplePaths {
  private SamplePaths() {}

  /** Why {@code path} is not a plain relative path inside the dataset folder, or null when it is. */
  public static String problem(String path) {
    if (path == null || path.isEmpty()) {
      return "is empty";
    }
    String u = path.replace('\\', '/');
    if (u.startsWith("/") || u.matches("^[A-Za-z]:.*")) {
      return "is absolute; sample paths must be relative to the dataset folder";
    }
    for (String seg : u.split("/")) {
      if (seg.equals("..")) {
        return "escapes the dataset folder ('..'); sample paths must stay inside it";
      }
    }
    return null;
  }

  /**
   * The existing, readable regular file an entry names, inside {@code ctx.datasetDir()} (also after
   * following symbolic links); calls {@code ctx.fail} otherwise.
   */
  public static Path resolve(VerifyContext ctx, String modality, Object entry) {
    if (!(entry instanceof String rel)) {
      throw ctx.fail(modality, "must be a path (string) relative to the dataset folder, found "
          + (entry == null ? "null" : entry.getClass().getSimpleName() + " " + entry));
    }
    String p = problem(rel);
    if (p != null) {
      throw ctx.fail(modality, "path '" + rel + "' " + p);
    }
    Path root = ctx.datasetDir().toAbsolutePath().normalize();
    Path file = root.resolve(rel).normalize();
    if (!file.startsWith(root)) {
      throw ctx.fail(modality, "path '" + rel + "' escapes the dataset folder " + root);
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
      throw ctx.fail(modality, "file " + file + " does not exist");
    }
    try {
      Path real = file.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        throw ctx.fail(modality, "file " + file + " is a link to " + real + ", outside the dataset folder " + root);
      }
    } catch (IOException e) {
      throw ctx.fail(modality, "file " + file + " cannot be resolved: " + e.getMessage());
    }
    if (!Files.isRegularFile(file)) {
      throw ctx.fail(modality, "file " + file + " is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw ctx.fail(modality, "file " + file + " is not readable");
    }
    return file;
  }
}
