package io.mml.processor.step;

import io.mml.processor.option.MmlOptions;
import io.mml.processor.validate.ExtensionValidator;
import io.mml.processor.validate.ModeValidator;
import io.mml.processor.validate.OrphanValidator;
import java.io.IOException;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The processor's steps, in the one place that orders them. A normal round collects, validates
 * everything, then writes the clean classes' files; the last round reports what stayed deferred
 * and writes the aggregates (AutoService, JMH).
 */
public final class Pipeline {
  private final List<ProcessingStep> normalRound;
  private final List<ProcessingStep> lastRound;

  private Pipeline(List<ProcessingStep> normalRound, List<ProcessingStep> lastRound) {
    this.normalRound = normalRound;
    this.lastRound = lastRound;
  }

  /** The steps of one compilation, sharing one {@link CompilationState}. */
  public static Pipeline create(ProcessingEnvironment env, Reporter reporter) {
    Elements elements = env.getElementUtils();
    Types types = env.getTypeUtils();
    MmlOptions options = MmlOptions.parse(env.getOptions());
    CompilationState state = new CompilationState();
    GeneratedFiles files = new GeneratedFiles(env.getFiler(), reporter, options.verbose());
    ExtensionValidator extensionValidator = new ExtensionValidator(elements, types);
    boolean generatedAvailable = elements.getTypeElement("javax.annotation.processing.Generated") != null;

    ProcessingStep reportOptions = new ReportOptionsStep(options, state, reporter);
    List<ProcessingStep> normal = List.of(
        reportOptions,
        new CollectStep(elements, types, state),
        new ValidateModesStep(new ModeValidator(elements, types, state.modeIds, state.sourceModes), state, reporter),
        // Modalities before task types: the task types of the same round may name them.
        new ValidateExtensionsStep(extensionValidator, state, reporter),
        new CheckOrphansStep(new OrphanValidator(types, state.modeSuperclasses), reporter),
        new WriteModesStep(files, state),
        new WriteExtensionsStep(files, state),
        new WriteMainStep(options, generatedAvailable, files, state));
    List<ProcessingStep> last = List.of(
        reportOptions,
        new ReportUnresolvedStep(elements, state, reporter),
        new ReportDeferredTaskTypesStep(elements, extensionValidator, state, reporter),
        new WriteRegistriesStep(files, state));
    return new Pipeline(normal, last);
  }

  /** Runs the round's steps in order; {@link Round#current()} names the element in progress. */
  public void run(Round round) throws IOException {
    for (ProcessingStep step : round.isLast() ? lastRound : normalRound) {
      round.focus(null);
      step.run(round);
    }
  }
}
