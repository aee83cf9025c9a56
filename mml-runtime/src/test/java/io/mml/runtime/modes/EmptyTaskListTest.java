package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mml.runtime.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mode with per-task subroutines and no tasks is a config error (exit 2), before any run folder exists. */
class EmptyTaskListTest {
  @Test
  void anEmptyTaskListIsRefused(@TempDir Path tmp) {
    assertEquals(2, Cli.run(ModeRuns.args(tmp, "train", "task_list=[]")));
    assertEquals(2, Cli.run(ModeRuns.args(tmp, "train", "tasks=none")));
    assertFalse(Files.exists(tmp.resolve("results/default/runs")), "nothing written");
  }
}
