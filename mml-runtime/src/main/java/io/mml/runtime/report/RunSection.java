package io.mml.runtime.report;

/**
 * A section of a run's report ({@code report.html} in the run folder), found through
 * {@code META-INF/services/io.mml.runtime.report.RunSection}.
 */
public interface RunSection extends Section<RunData> {}
