package io.mml.runtime.tasks.create;

import io.mml.runtime.tasks.TaskException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Safe extraction of .zip, .tar, .tar.gz and .tgz archives: every entry must stay inside the target
 * folder ({@code ../}, absolute names and links pointing outside are refused with an error naming
 * the entry), and nothing is ever written through a link.
 */
public final class Archives {
  private Archives() {}

  /** Whether the file name looks like a supported archive. */
  public static boolean isArchive(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".zip") || n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar");
  }

  /** Extracts {@code archive} into the (existing, empty) folder {@code target}. */
  public static void extract(Path archive, Path target) {
    Path root;
    try {
      root = target.toAbsolutePath().normalize().toRealPath();
    } catch (IOException e) {
      throw new TaskException("Cannot extract into " + target + ": " + e.getMessage(), e);
    }
    String n = archive.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (n.endsWith(".zip")) {
        extractZip(archive, root);
      } else {
        extractTar(archive, root, !n.endsWith(".tar"));
      }
      checkLinks(archive, root);
    } catch (TaskException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new TaskException("Archive " + archive + " is corrupt or cannot be read: " + e, e);
    }
  }

  private static void extractZip(Path archive, Path root) throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      for (Enumeration<ZipArchiveEntry> en = zip.getEntries(); en.hasMoreElements();) {
        ZipArchiveEntry e = en.nextElement();
        Path dest = inside(archive, root, e.getName());
        if (e.isUnixSymlink()) {
          String link = zip.getUnixSymlink(e);
          symlink(archive, root, e.getName(), dest, link);
        } else if (e.isDirectory()) {
          Files.createDirectories(dest);
        } else {
          try (InputStream in = zip.getInputStream(e)) {
            write(archive, root, e.getName(), dest, in);
          }
        }
      }
    }
  }

  private static void extractTar(Path archive, Path root, boolean gzip) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
        InputStream un = gzip ? new GzipCompressorInputStream(raw) : raw;
        TarArchiveInputStream tar = new TarArchiveInputStream(un)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path dest = inside(archive, root, e.getName());
        if (e.isSymbolicLink()) {
          symlink(archive, root, e.getName(), dest, e.getLinkName());
        } else if (e.isLink()) {
          Path src = inside(archive, root, e.getLinkName());
          if (!Files.isRegularFile(src, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new TaskException("Archive " + archive + ": hard link '" + e.getName() + "' points to '"
                + e.getLinkName() + "', which is not a file extracted before it");
          }
          try (InputStream in = Files.newInputStream(src)) {
            write(archive, root, e.getName(), dest, in);
          }
        } else if (e.isDirectory()) {
          if (dest.equals(root)) {
            continue; // "./" (tar -C dir .): the extraction folder itself
          }
          Files.createDirectories(dest);
          checkParent(archive, root, e.getName(), dest);
        } else if (e.isFile()) {
          write(archive, root, e.getName(), dest, tar);
        }
        // devices, fifos and the like are skipped
      }
    }
  }

  /** Every link, followed through any chain of links, must end inside the target (lexical checks cannot see chains). */
  private static void checkLinks(Path archive, Path root) throws IOException {
    java.util.List<Path> links;
    try (java.util.stream.Stream<Path> s = Files.walk(root)) {
      links = s.filter(Files::isSymbolicLink).toList();
    }
    for (Path l : links) {
      String name = root.relativize(l).toString();
      Path real;
      try {
        real = l.toRealPath();
      } catch (IOException e) {
        throw escape(archive, name, "is a link to '" + Files.readSymbolicLink(l) + "', which does not resolve");
      }
      if (!real.startsWith(root)) {
        throw escape(archive, name, "is a link that resolves to " + real + ", outside the extraction folder");
      }
    }
  }

  /** The destination of an entry; an error when its name is absolute or leaves the target. */
  static Path inside(Path archive, Path root, String name) {
    String u = name.replace('\\', '/');
    if (u.startsWith("/") || u.matches("^[A-Za-z]:.*")) {
      throw escape(archive, name, "is an absolute path");
    }
    Path dest = root.resolve(u).normalize();
    if (!dest.startsWith(root) || dest.equals(root) && !u.replace("/", "").replace(".", "").isEmpty()) {
      throw escape(archive, name, "escapes the extraction folder");
    }
    return dest;
  }

  private static TaskException escape(Path archive, String name, String why) {
    return new TaskException("Archive " + archive + ": entry '" + name + "' " + why + " (" + "refused: entries must"
        + " stay inside the extraction folder); nothing was extracted");
  }

  private static void checkParent(Path archive, Path root, String name, Path dest) throws IOException {
    Path parent = dest.getParent();
    Files.createDirectories(parent);
    if (!parent.toRealPath().startsWith(root)) {
      throw escape(archive, name, "would be written through a link to " + parent.toRealPath());
    }
  }

  private static void write(Path archive, Path root, String name, Path dest, InputStream in) throws IOException {
    checkParent(archive, root, name, dest);
    if (Files.isSymbolicLink(dest)) {
      throw escape(archive, name, "would overwrite a link");
    }
    Files.copy(in, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void symlink(Path archive, Path root, String name, Path dest, String link) throws IOException {
    if (link == null || link.isEmpty()) {
      throw escape(archive, name, "is a link without a target");
    }
    String u = link.replace('\\', '/');
    if (u.startsWith("/") || u.matches("^[A-Za-z]:.*")) {
      throw escape(archive, name, "is a link to the absolute path '" + link + "'");
    }
    Path resolved = dest.getParent().resolve(u).normalize();
    if (!resolved.startsWith(root)) {
      throw escape(archive, name, "is a link to '" + link + "', outside the extraction folder");
    }
    checkParent(archive, root, name, dest);
    Files.deleteIfExists(dest);
    Files.createSymbolicLink(dest, Path.of(u));
  }
}
