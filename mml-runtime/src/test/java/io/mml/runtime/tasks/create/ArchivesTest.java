package io.mml.runtime.tasks.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mml.runtime.tasks.TaskException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
  @TempDir Path tmp;

  /** Zips the files below {@code dir} (names relative to it). */
  static Path zip(Path zip, Path dir) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        entries.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return zipWith(zip, entries);
  }

  static Path zipWith(Path zip, Map<String, byte[]> entries) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).descendingMap().entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return zip;
  }

  /** A .tar.gz of the files below {@code dir}. */
  static Path tarGz(Path file, Path dir) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file); GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
          byte[] b = Files.readAllBytes(p);
          TarArchiveEntry e = new TarArchiveEntry(dir.relativize(p).toString().replace('\\', '/'));
          e.setSize(b.length);
          tar.putArchiveEntry(e);
          tar.write(b);
          tar.closeArchiveEntry();
        }
      }
    }
    return file;
  }

  /** A .tgz with one file and one symlink entry. */
  private Path tgzWithLink(String linkName, String target) throws IOException {
    Path file = tmp.resolve("l.tgz");
    try (OutputStream raw = Files.newOutputStream(file); GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      byte[] b = "hello".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("dir/file.txt");
      e.setSize(b.length);
      tar.putArchiveEntry(e);
      tar.write(b);
      tar.closeArchiveEntry();
      TarArchiveEntry l = new TarArchiveEntry(linkName, TarArchiveEntry.LF_SYMLINK);
      l.setLinkName(target);
      tar.putArchiveEntry(l);
      tar.closeArchiveEntry();
    }
    return file;
  }

  private Path target() throws IOException {
    return Files.createDirectories(tmp.resolve("out/target"));
  }

  @Test
  void zipSlipEntryIsRefused() throws IOException {
    Path zip = zipWith(tmp.resolve("z.zip"), Map.of("ok.txt", new byte[] {1}, "../escape.txt", new byte[] {2}));
    TaskException e = assertThrows(TaskException.class, () -> Archives.extract(zip, target()));
    assertTrue(e.getMessage().contains("'../escape.txt'") && e.getMessage().contains("escapes"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out/escape.txt")));
  }

  @Test
  void absoluteEntryIsRefused() throws IOException {
    Path zip = zipWith(tmp.resolve("z.zip"), Map.of("/etc/evil", new byte[] {1}));
    TaskException e = assertThrows(TaskException.class, () -> Archives.extract(zip, target()));
    assertTrue(e.getMessage().contains("absolute"), e.getMessage());
  }

  @Test
  void symlinkPointingOutIsRefused() throws IOException {
    Path tgz = tgzWithLink("dir/link", "../../outside");
    TaskException e = assertThrows(TaskException.class, () -> Archives.extract(tgz, target()));
    assertTrue(e.getMessage().contains("dir/link") && e.getMessage().contains("outside"), e.getMessage());
    Path abs = tgzWithLink("dir/abs", "/etc/passwd");
    e = assertThrows(TaskException.class, () -> Archives.extract(abs, Files.createDirectories(tmp.resolve("t2"))));
    assertTrue(e.getMessage().contains("absolute"), e.getMessage());
  }

  @Test
  void symlinkInsideIsKept() throws IOException {
    Path tgz = tgzWithLink("dir/alias.txt", "file.txt");
    Path t = target();
    Archives.extract(tgz, t);
    assertEquals("hello", Files.readString(t.resolve("dir/alias.txt")));
  }

  @Test
  void tarGzTreeIsExtracted() throws IOException {
    Path src = tmp.resolve("src");
    Fixtures.png(src.resolve("a/b.png"));
    Files.writeString(src.resolve("c.txt"), "x");
    Path t = target();
    Archives.extract(tarGz(tmp.resolve("s.tar.gz"), src), t);
    assertTrue(Files.isRegularFile(t.resolve("a/b.png")));
    assertEquals("x", Files.readString(t.resolve("c.txt")));
    assertTrue(Archives.isArchive(Path.of("x.tgz")) && Archives.isArchive(Path.of("x.ZIP")));
    assertFalse(Archives.isArchive(Path.of("x.png")));
  }

  @Test
  void aTarballOfTheCurrentFolderIsExtracted() throws Exception {
    // tar czf x.tar.gz -C dir .  writes "./", "./a/", "./a/b.png", ... : normal entries, not escapes
    Path src = tmp.resolve("dot");
    Fixtures.png(src.resolve("a/b.png"));
    Files.writeString(src.resolve(".hidden.txt"), "h");
    Path tgz = tmp.resolve("dot.tar.gz");
    Process p = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", src.toString(), ".").inheritIO().start();
    assertEquals(0, p.waitFor());
    Path t = target();
    Archives.extract(tgz, t);
    assertTrue(Files.isRegularFile(t.resolve("a/b.png")));
    assertEquals("h", Files.readString(t.resolve(".hidden.txt")));
  }

  @Test
  void corruptArchiveIsNamed() throws IOException {
    Path bad = tmp.resolve("bad.tar.gz");
    Files.write(bad, new byte[] {1, 2, 3, 4});
    TaskException e = assertThrows(TaskException.class, () -> Archives.extract(bad, target()));
    assertTrue(e.getMessage().contains("bad.tar.gz"), e.getMessage());
    assertEquals(List.of(), List.of());
  }
}
