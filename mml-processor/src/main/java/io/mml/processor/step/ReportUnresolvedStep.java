package io.mml.processor.step;

import io.mml.processor.validate.Message;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/** Last round: MML-903 for each mode still naming a type that never appeared. */
final class ReportUnresolvedStep implements ProcessingStep {
  private final Elements elements;
  private final CompilationState state;
  private final Reporter reporter;

  ReportUnresolvedStep(Elements elements, CompilationState state, Reporter reporter) {
    this.elements = elements;
    this.state = state;
    this.reporter = reporter;
  }

  @Override
  public void run(Round round) {
    for (Map.Entry<String, String> e : state.deferredModes.entrySet()) {
      TypeElement t = elements.getTypeElement(e.getKey());
      reporter.print(Diagnostic.Kind.ERROR, Message.UNRESOLVED_TYPES.format(e.getKey(), e.getValue()), t);
    }
    state.deferredModes.clear();
  }
}
