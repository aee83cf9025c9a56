package io.mml.runtime.files;

/** The data and results trees of a run. (Placeholder.) */
public final class FileManager {}
