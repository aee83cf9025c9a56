package io.mml.processor.step;

import io.mml.processor.validate.ExtensionValidator;
import java.util.ArrayList;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Last round: task types still naming unknown modalities are reported now (no source can be generated any more). */
final class ReportDeferredTaskTypesStep implements ProcessingStep {
  private final Elements elements;
  private final ExtensionValidator validator;
  private final CompilationState state;
  private final Reporter reporter;

  ReportDeferredTaskTypesStep(Elements elements, ExtensionValidator validator, CompilationState state,
      Reporter reporter) {
    this.elements = elements;
    this.validator = validator;
    this.state = state;
    this.reporter = reporter;
  }

  @Override
  public void run(Round round) {
    for (String name : new ArrayList<>(state.deferredTaskTypes)) {
      TypeElement t = elements.getTypeElement(name);
      if (t != null) {
        reporter.printAll(validator.validateTaskType(t, true).problems());
      }
    }
    state.deferredTaskTypes.clear();
  }
}
