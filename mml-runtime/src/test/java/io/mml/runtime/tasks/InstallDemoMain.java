package io.mml.runtime.tasks;

import java.nio.file.Path;

/** Installs the demo tasks from a separate JVM, for the cross-process installation test: args dataRoot. */
public final class InstallDemoMain {
  private InstallDemoMain() {}

  public static void main(String[] args) {
    DemoTasks.ensureInstalled(Path.of(args[0]));
  }
}
