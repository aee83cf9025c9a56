package io.mml.processor;

import com.google.auto.service.AutoService;
import io.mml.processor.option.MmlOption;
import io.mml.processor.step.Pipeline;
import io.mml.processor.step.Reporter;
import io.mml.processor.step.Round;
import io.mml.processor.validate.Annotations;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The mml annotation processor: a thin shell that adapts javac to the {@link Pipeline} of steps
 * (collect → validate → write per round, registries in the last round).
 *
 * <p>Per valid {@code @Mode} class it generates {@code <Scheduler>_Routine} and the config stub
 * {@code META-INF/mml/configs/mode/<id>.yaml} (origin: that class). Per compilation it writes
 * {@code META-INF/services/io.mml.runtime.scheduler.Routine} (last round) and a main class (in the
 * first round with a valid mode). Per valid {@code @ModalityDef} / {@code @TaskTypeDef} class it
 * generates a provider and a marker class (see {@code RegistryMarkers}), for trainable task types
 * the {@code loss/<route>} and {@code metrics/<route>} config stubs, and in the last round their
 * {@code META-INF/services} registries. A mode's members include those inherited from its
 * superclasses (see {@code ModeValidator}).
 *
 * <p>It supports exactly its own annotation types (never {@code *}) and claims them: no other
 * processor has anything to do with them, and unclaimed they make {@code -Xlint:all -Werror}
 * builds fail ("No processor claimed any of these annotations"). It also claims
 * {@code javax.annotation.processing.Generated}, which it puts on every generated source (Error
 * Prone and coverage tools skip code so marked): no processor acts on that JDK annotation, and
 * unclaimed it would fail the same strict builds in the round that compiles the generated code.
 */
@AutoService(Processor.class)
public final class MmlProcessor extends AbstractProcessor {
  /** The JDK's marker on generated sources; see the class comment for why it is claimed. */
  static final String GENERATED = "javax.annotation.processing.Generated";

  private static final Set<String> SUPPORTED = Set.of(
      Annotations.MODE, Annotations.SUBROUTINE, Annotations.PER_TASK, Annotations.PARAM, Annotations.RESOURCES,
      Annotations.MODALITY_DEF, Annotations.TASK_TYPE_DEF, GENERATED);

  private Reporter reporter;
  private Pipeline pipeline;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    reporter = new Reporter(env.getMessager());
    pipeline = Pipeline.create(env, reporter);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return SUPPORTED;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public Set<String> getSupportedOptions() {
    return MmlOption.keys();
  }

  /** Runs the round's steps; a defect becomes MML-902 on the element in progress instead of a javac crash. */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment env) {
    Round round = new Round(env);
    try {
      pipeline.run(round);
    } catch (Exception | LinkageError | AssertionError e) {
      reporter.internalError(round.current(), e);
    }
    // Claimed: javac passes only the types of SUPPORTED: ours, and @Generated that no processor acts on.
    return true;
  }
}
