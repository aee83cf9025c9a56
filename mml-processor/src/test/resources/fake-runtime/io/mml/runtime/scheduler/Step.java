package io.mml.runtime.scheduler;

/** Fake of the runtime step. */
public record Step(String subroutine, String task, int fold) {
  public static Step once(String subroutine) {
    return new Step(subroutine, null, -1);
  }

  public static Step perTask(String subroutine, String task) {
    return new Step(subroutine, task, -1);
  }

  public static Step perFold(String subroutine, String task, int fold) {
    return new Step(subroutine, task, fold);
  }

  public String id() {
    if (task == null) {
      return subroutine;
    }
    return fold >= 0 ? subroutine + "[task=" + task + ",fold=" + fold + "]" : subroutine + "[task=" + task + "]";
  }
}
