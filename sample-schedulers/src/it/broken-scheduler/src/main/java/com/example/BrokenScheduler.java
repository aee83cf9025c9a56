package com.example;

import io.mml.annotations.Mode;
import io.mml.annotations.Param;
import io.mml.annotations.PerTask;
import io.mml.annotations.Subroutine;
import io.mml.runtime.scheduler.AbstractBaseScheduler;

@Mode(id = "broken")
public class BrokenScheduler extends AbstractBaseScheduler {
  @Param(defaultValue = "abc")
  int count;

  @Subroutine("a")
  @PerTask
  void stepA(int a, int b) {}
}
