package io.mml.processor.step;

import io.mml.processor.option.MmlOptions;
import javax.tools.Diagnostic;

/** MML-901: prints the bad {@code -Amml.*} option values, once, in the first round. */
final class ReportOptionsStep implements ProcessingStep {
  private final MmlOptions options;
  private final CompilationState state;
  private final Reporter reporter;

  ReportOptionsStep(MmlOptions options, CompilationState state, Reporter reporter) {
    this.options = options;
    this.state = state;
    this.reporter = reporter;
  }

  @Override
  public void run(Round round) {
    if (state.optionsReported) {
      return;
    }
    state.optionsReported = true;
    options.problems().forEach(p -> reporter.print(Diagnostic.Kind.ERROR, p, null));
  }
}
