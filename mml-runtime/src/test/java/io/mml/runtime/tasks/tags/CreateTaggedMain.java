package io.mml.runtime.tasks.tags;

import io.mml.runtime.tasks.TaskIndex;
import java.nio.file.Path;

/** Creates a tagged task from a separate JVM, for the cross-process test: args dataRoot name. */
public final class CreateTaggedMain {
  private CreateTaggedMain() {}

  public static void main(String[] args) {
    TaskIndex.scan(Path.of(args[0])).resolve(args[1]);
  }
}
