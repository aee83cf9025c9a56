package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.TaskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Listing image files by extension. */
final class ImageFiles {
  private ImageFiles() {}

  /** The image file extensions importers pick up. */
  static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");

  static boolean isImage(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && !n.startsWith(".") && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  /**
   * Image files below {@code dir} (recursively when asked), sorted by path. Symbolic links are
   * followed, to files and to folders alike (the one rule of every importer): a linked image is
   * copied, a linked folder is read as if it were a real one. A link loop is an error naming it.
   */
  static List<Path> list(Path dir, boolean recursive) {
    try (Stream<Path> s = recursive ? Files.walk(dir, FileVisitOption.FOLLOW_LINKS) : Files.list(dir)) {
      return s.filter(p -> !Files.isDirectory(p)).filter(ImageFiles::isImage).sorted().toList();
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof FileSystemLoopException loop) {
        throw new TaskException("Cannot list folder " + dir + ": the symbolic link " + loop.getFile()
            + " points back to a folder that contains it; remove the link or point it elsewhere", loop);
      }
      throw new TaskException("Cannot list folder " + dir + ": " + e.getCause(), e.getCause());
    } catch (IOException e) {
      throw new TaskException("Cannot list folder " + dir + ": " + e, e);
    }
  }

  /** Sub-folders of {@code dir} (not hidden, links to folders included), sorted. */
  static List<Path> folders(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new TaskException("Cannot list folder " + dir + ": " + e, e);
    }
  }

  static String rel(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  static String withoutExtension(String rel) {
    int slash = rel.lastIndexOf('/');
    int dot = rel.lastIndexOf('.');
    return dot > slash + 1 ? rel.substring(0, dot) : rel;
  }
}
