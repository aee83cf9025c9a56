package io.mml.runtime.scheduler;

import io.mml.runtime.config.Config;
import io.mml.runtime.files.FileManager;
import io.mml.runtime.tasks.TaskIndex;
import io.mml.runtime.tasks.TaskStructs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything one run owns, passed down explicitly (nothing global).
 *
 * @param config the composed configuration
 * @param runDir the run folder
 * @param files the file manager of the run
 * @param tasks the task index of the data tree (descriptions by task name)
 * @param structs the task structs of the run (filled by the prepare step)
 * @param taskList the expanded task list
 * @param pivot the pivot task, if set
 * @param subroutines the selected subroutines
 * @param seed the seed applied before every step
 * @param continued whether this run continues an earlier one
 */
public record RunContext(
    Config config,
    Path runDir,
    FileManager files,
    TaskIndex tasks,
    TaskStructs structs,
    List<String> taskList,
    Optional<String> pivot,
    List<String> subroutines,
    long seed,
    boolean continued) {}
