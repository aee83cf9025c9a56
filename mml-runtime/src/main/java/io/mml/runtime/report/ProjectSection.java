package io.mml.runtime.report;

/**
 * A section of a project's report ({@code <proj>/report.html}), found through
 * {@code META-INF/services/io.mml.runtime.report.ProjectSection}.
 */
public interface ProjectSection extends Section<ProjectData> {}
