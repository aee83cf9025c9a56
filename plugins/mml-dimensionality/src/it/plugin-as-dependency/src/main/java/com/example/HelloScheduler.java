package com.example;

import io.mml.annotations.Mode;
import io.mml.annotations.Subroutine;
import io.mml.runtime.scheduler.AbstractBaseScheduler;

/** The project's own mode; the processor generates com.example.MmlMain for it. */
@Mode(id = "hello", description = "Says hello.")
public class HelloScheduler extends AbstractBaseScheduler {
  @Subroutine("greet")
  void greet() {
    log.info("hello from {}", taskList());
  }
}
