package io.mml.processor.step;

import java.io.IOException;

/** One stage of a round, with one job; {@link Pipeline} runs the stages in order. */
interface ProcessingStep {
  /** Reads and fills the round (and the compilation state the step was given). */
  void run(Round round) throws IOException;
}
