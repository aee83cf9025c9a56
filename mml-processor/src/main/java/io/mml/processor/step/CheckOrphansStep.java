package io.mml.processor.step;

import io.mml.processor.validate.OrphanValidator;
import javax.lang.model.element.Element;

/** Reports member annotations outside a {@code @Mode} class (MML-207, MML-307, MML-208). */
final class CheckOrphansStep implements ProcessingStep {
  private final OrphanValidator validator;
  private final Reporter reporter;

  CheckOrphansStep(OrphanValidator validator, Reporter reporter) {
    this.validator = validator;
    this.reporter = reporter;
  }

  @Override
  public void run(Round round) {
    for (Element member : round.members) {
      round.focus(member);
      reporter.printAll(validator.check(member));
    }
  }
}
