package io.mml.runtime.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mml.runtime.cli.Cli;
import io.mml.runtime.errors.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of user error, made as a user makes it, through the real command line and engine,
 * exits with its documented code (README, "Exit codes"). How each code is printed
 * ({@code Error [<id>]: ...}) is checked in CliTest; internal errors (exit 1) there too.
 */
class ExitCodesTest {
  @TempDir
  Path tmp;

  private int mml(String... args) {
    return Cli.run(ModeRuns.args(tmp, args));
  }

  @Test
  void configUsageTaskDataAndRunErrorsExitWithTheirCodes() throws IOException {
    assertEquals(ExitCode.OK, mml("info", "tasks=demo"));
    assertEquals(ExitCode.CONFIG, mml("train", "tasks=demo", "trainer.max_epochs=abc"), "a mistyped value");
    assertEquals(ExitCode.CONFIG, mml("train", "tasks=demo", "trainer.max_epoch=3"), "an unknown key");
    assertEquals(ExitCode.CONFIG, mml("info", "tasks=demo", "extra"), "a stray word (usage)");
    assertEquals(ExitCode.CONFIG, mml("info", "--verbose"), "an unknown option (usage)");
    assertEquals(ExitCode.TASK, mml("info", "task_list=[no_such_task]"), "a task that is not installed");
    assertEquals(ExitCode.RUN, mml("info", "task_list=[demo_shapes]", "continue=latest"),
        "continuing the latest run with another task list: the plans differ");

    // Corrupt images in a task: the training step fails on the first it reads, naming the file (exit 4).
    for (Path image : pngs(tmp.resolve("data"), "demo_shapes")) {
      byte[] bytes = Files.readAllBytes(image);
      Files.write(image, Arrays.copyOf(bytes, bytes.length / 2));
    }
    assertEquals(ExitCode.DATA, mml("train", "task_list=[demo_shapes]", "trainer.max_epochs=1", "mode.cv=false",
        "mode.subroutines=[train]", "proj=corrupt"), "a truncated PNG");
  }

  private static List<Path> pngs(Path data, String task) throws IOException {
    try (Stream<Path> s = Files.walk(data)) {
      return s.filter(p -> p.toString().endsWith(".png") && p.toString().contains(task)).sorted().toList();
    }
  }
}
