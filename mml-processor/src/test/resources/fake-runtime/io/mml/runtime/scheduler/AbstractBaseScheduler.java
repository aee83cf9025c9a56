package io.mml.runtime.scheduler;

import io.mml.runtime.tasks.TaskStruct;
import java.util.ArrayList;
import java.util.List;

/** Fake of the scheduler base class; records the calls the generated routine makes. */
public abstract class AbstractBaseScheduler {
  /** What the steps did, in order (test-only). */
  public final List<String> calls = new ArrayList<>();

  public final TaskStruct struct(String taskName) {
    return new TaskStruct(taskName);
  }
}
