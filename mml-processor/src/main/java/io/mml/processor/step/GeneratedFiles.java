package io.mml.processor.step;

import io.mml.processor.validate.Message;
import io.mml.processor.write.GeneratedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Creates the writers' files through javac's {@link Filer}: sources, and UTF-8 resources in the
 * class output. Each file is created at most once per compilation; one that exists already
 * (stale generated sources) is a warning (MML-904), not a crash.
 */
final class GeneratedFiles {
  private final Filer filer;
  private final Reporter reporter;
  private final boolean verbose;
  /** Guards against creating a file twice in one compilation. */
  private final Set<String> written = new HashSet<>();

  GeneratedFiles(Filer filer, Reporter reporter, boolean verbose) {
    this.filer = filer;
    this.reporter = reporter;
    this.verbose = verbose;
  }

  /** Writes a Java source; true when it was created now. */
  boolean writeSource(GeneratedFile file, Element... origins) throws IOException {
    if (!written.add("java:" + file.name())) {
      return false;
    }
    try {
      JavaFileObject out = filer.createSourceFile(file.name(), origins);
      try (Writer w = out.openWriter()) {
        w.write(file.content());
      }
    } catch (FilerException e) {
      warnExisting(file.name(), e, origins);
      return false;
    }
    note("generated " + file.name(), origins);
    return true;
  }

  /** Writes a resource at a path of the class output, as UTF-8. */
  void writeResource(GeneratedFile file, Element... origins) throws IOException {
    if (!written.add("resource:" + file.name())) {
      return;
    }
    try {
      FileObject out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", file.name(), origins);
      try (OutputStream o = out.openOutputStream()) {
        o.write(file.content().getBytes(StandardCharsets.UTF_8));
      }
    } catch (FilerException e) {
      warnExisting(file.name(), e, origins);
      return;
    }
    note("wrote " + file.name(), origins);
  }

  /** The text of a resource already in the class output (from an earlier build), if it can be read. */
  Optional<String> existingResource(String path) {
    try {
      FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", path);
      try (InputStream in = existing.openInputStream()) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void warnExisting(String name, FilerException e, Element... origins) {
    String text = Message.ALREADY_GENERATED.format(name, e.getMessage());
    reporter.print(Diagnostic.Kind.WARNING, text, origins.length > 0 ? origins[0] : null);
  }

  /** A NOTE per generated file with {@code -Amml.verbose=true}. */
  private void note(String text, Element... origins) {
    if (!verbose) {
      return;
    }
    reporter.print(Diagnostic.Kind.NOTE, "[mml-processor] " + text, origins.length > 0 ? origins[0] : null);
  }
}
