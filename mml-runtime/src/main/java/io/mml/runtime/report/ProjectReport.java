package io.mml.runtime.report;

import io.mml.runtime.files.AtomicFiles;
import io.mml.runtime.files.FileManager;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a project's HTML report, {@code <results>/<proj>/report.html} (atomically): its runs and its models. */
public final class ProjectReport {
  /** The file name of a project report in the project folder. */
  public static final String FILE = "report.html";

  private ProjectReport() {}

  /** Reads the project of {@code files} and writes its report with the sections on the class path. */
  public static Path write(FileManager files) throws IOException {
    ProjectData p = ProjectReader.read(files);
    String html = ReportPage.render("mml project " + p.project(), p.runs().size() + " runs, " + p.models().size()
        + " models, in " + p.dir(), Sections.load(ProjectSection.class), p);
    Path out = p.dir().resolve(FILE);
    AtomicFiles.writeString(out, html);
    return out;
  }
}
