package io.mml.processor.validate;

import static io.mml.processor.validate.Annotations.MODALITY_DEF;
import static io.mml.processor.validate.Annotations.TASK_TYPE_DEF;

import io.mml.processor.model.ModalityModel;
import io.mml.processor.model.RegistryMarkers;
import io.mml.processor.model.TaskTypeModel;
import io.mml.processor.validate.ComponentRules.Component;
import io.mml.processor.validate.RequiresRules.Requires;
import io.mml.processor.validate.TrainingRules.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks {@code @ModalityDef} and {@code @TaskTypeDef} declarations for completeness and builds
 * their models. One instance lives for the whole compilation: it remembers the ids (and routes)
 * declared so far, so duplicates and references between declarations are found across rounds.
 * This class only orders the rules: {@link ExtensionIdRules} and {@link ComponentRules} for
 * modalities; {@link ExtensionIdRules}, {@link RequiresRules} and {@link TrainingRules} (with
 * {@link ComponentRules}) for task types.
 *
 * <p>"Known modalities" are those declared in this compilation plus those whose marker class
 * ({@link RegistryMarkers}) is on the class path, i.e. declared in a jar compiled with this processor.
 */
public final class ExtensionValidator {
  static final String MODALITY_LOADER = "io.mml.runtime.modality.ModalityLoader";
  static final String MODALITY_VERIFIER = "io.mml.runtime.modality.ModalityVerifier";

  /**
   * The outcome for one declaration.
   *
   * @param model present when the declaration has no errors
   * @param problems every problem found
   * @param deferred true when it names modalities not known yet: check again next round
   */
  public record Result<T>(Optional<T> model, List<Problem> problems, boolean deferred) {
    static <T> Result<T> of(T model, List<Problem> problems) {
      boolean clean = model != null && problems.stream().noneMatch(Problem::isError);
      return new Result<>(clean ? Optional.of(model) : Optional.empty(), problems, false);
    }
  }

  private final Elements elements;
  private final Annotations annotations;
  private final boolean generatedAnnotation;
  private final ExtensionIdRules ids;
  private final ComponentRules components;
  private final RequiresRules requiresRules;
  private final TrainingRules trainingRules;

  public ExtensionValidator(Elements elements, Types types) {
    this.elements = elements;
    this.annotations = new Annotations(elements);
    this.generatedAnnotation = elements.getTypeElement("javax.annotation.processing.Generated") != null;
    this.ids = new ExtensionIdRules(elements);
    this.components = new ComponentRules(elements, types, annotations);
    this.requiresRules = new RequiresRules(annotations, ids);
    this.trainingRules = new TrainingRules(elements, annotations, components);
  }

  /** Validates one {@code @ModalityDef} class. */
  public Result<ModalityModel> validateModality(TypeElement type) {
    List<Problem> problems = new ArrayList<>();
    AnnotationMirror m = Annotations.find(type, MODALITY_DEF);
    String id = annotations.string(m, "id");
    ids.checkModalityId(type, m, id, problems);
    Component loader = components.required(type, m, "loader", "@ModalityDef loader", MODALITY_LOADER,
        Message.MODALITY_NO_LOADER, id, problems);
    Component verifier = components.required(type, m, "verifier", "@ModalityDef verifier", MODALITY_VERIFIER,
        Message.MODALITY_NO_VERIFIER, id, problems);
    ModalityModel model = loader.ref() == null || verifier.ref() == null ? null
        : new ModalityModel(JavaTypes.typeRef(elements, type), id, loader.ref(), verifier.ref(),
            annotations.bool(m, "augmentable"), annotations.string(m, "description"), generatedAnnotation);
    return Result.of(model, problems);
  }

  /**
   * Validates one {@code @TaskTypeDef} class. Unless {@code lastChance}, a declaration naming a
   * modality nobody declared (yet) is deferred instead of reported: another processor or a later
   * round may still declare it.
   */
  public Result<TaskTypeModel> validateTaskType(TypeElement type, boolean lastChance) {
    List<Problem> problems = new ArrayList<>();
    AnnotationMirror m = Annotations.find(type, TASK_TYPE_DEF);
    String id = annotations.string(m, "id");
    ids.checkTaskTypeId(type, m, id, problems);
    boolean trainable = annotations.bool(m, "trainable");
    Requires requires = requiresRules.check(type, m, id, trainable, problems);
    if (requires.unknown() && !lastChance) {
      return new Result<>(Optional.empty(), List.of(), true);
    }
    Training training = trainingRules.check(type, m, id, trainable, problems);
    TaskTypeModel model = !training.complete() ? null
        : new TaskTypeModel(JavaTypes.typeRef(elements, type), id, requires.sets(), requires.effectiveTargets(),
            requires.target(), training.route(), trainable, training.head(), training.loss(), training.metrics(),
            annotations.string(m, "description"), generatedAnnotation);
    return Result.of(model, problems);
  }

  /** Modality ids of this compilation and of every marker on the class path, sorted. */
  public Set<String> knownModalities() {
    return ids.knownModalities();
  }
}
