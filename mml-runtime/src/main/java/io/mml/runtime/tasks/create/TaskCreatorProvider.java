package io.mml.runtime.tasks.create;

import java.io.IOException;

/**
 * A registered task creator (an importer): reads a source into samples that {@link TaskImport}
 * then verifies, splits, measures and writes as a task. Selected with {@code mode.importer=<name>}
 * of the {@code create} mode.
 *
 * <p>Register an implementation (public, with a no-argument constructor) in
 * {@code META-INF/services/io.mml.runtime.tasks.create.TaskCreatorProvider}; it is then found with
 * {@link java.util.ServiceLoader} just by being on the class path. The built-in ones are
 * {@code folder}, {@code csv} and {@code segmentation}.
 *
 * <p>A provider copies the files it uses into the staging folder with
 * {@link ImportContext#copy(java.nio.file.Path, String)} and returns samples whose file values are
 * the returned paths; it writes nothing else. Errors are {@link io.mml.runtime.tasks.TaskException}s
 * naming the file, row or sample.
 */
public interface TaskCreatorProvider {
  /** The importer name ({@code mode.importer}); lower case letters, digits and '_'. */
  String name();

  /** One line for the docs and error messages. */
  String description();

  /** Reads the source into samples. */
  ImportedTask read(ImportContext ctx) throws IOException;
}
