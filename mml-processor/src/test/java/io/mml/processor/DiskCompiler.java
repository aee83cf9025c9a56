package io.mml.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles with the processor into real folders, as a build tool does: the outputs stay on disk
 * (also when compilation fails) and a second compilation sees them.
 */
final class DiskCompiler {
  /** The outcome: success and every diagnostic as text ({@code KIND: message}). */
  record Result(boolean success, List<String> diagnostics) {
    long errors() {
      return diagnostics.stream().filter(d -> d.startsWith("ERROR")).count();
    }
  }

  private DiskCompiler() {}

  static Result compile(Path classes, Path generated, List<JavaFileObject> sources, List<String> options) {
    return compileWithClasspath(classes, generated, sources, options);
  }

  /** As {@link #compile}, with more class path entries (e.g. the output of an earlier "library" compilation). */
  static Result compileWithClasspath(Path classes, Path generated, List<JavaFileObject> sources, List<String> options,
      Path... classpath) {
    try {
      Files.createDirectories(classes);
      Files.createDirectories(generated);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
        fm.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
        List<String> opts = new ArrayList<>(options);
        opts.add("-classpath");
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        for (Path p : classpath) {
          cp.append(java.io.File.pathSeparator).append(p);
        }
        opts.add(cp + java.io.File.pathSeparator + classes);
        JavaCompiler.CompilationTask task = javac.getTask(null, fm, diagnostics, opts, null, sources);
        task.setProcessors(List.of(new MmlProcessor()));
        boolean ok = task.call();
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          out.add(d.getKind() + ": " + d.getMessage(Locale.ROOT));
        }
        return new Result(ok, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
