package io.mml.runtime.report;

import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.run.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes a run's self-contained HTML report, {@code <run>/report.html} (atomically). */
public final class RunReport {
  private RunReport() {}

  /** Reads the run folder of {@code files} and writes its report with the sections on the class path. */
  public static Path write(FileManager files) throws IOException {
    return write(files, Sections.load(RunSection.class));
  }

  /** Writes the report of the run folder of {@code files} with the given sections (in page order). */
  public static Path write(FileManager files, List<RunSection> sections) throws IOException {
    RunData run = RunReader.read(files);
    String html = ReportPage.render("mml run " + run.runId(), "mode " + run.mode() + ", project " + run.project()
        + ", " + run.timeline().overall(), sections, run);
    Path out = new RunFolder(files.runDir()).report();
    AtomicFiles.writeString(out, html);
    return out;
  }
}
