package io.mml.processor.model;

import java.util.List;

/**
 * A valid {@code @TaskTypeDef}: what its provider, marker, registry entry and config stubs are
 * written from.
 *
 * @param declaration the annotated class
 * @param id the task type id
 * @param requires alternatives of modality sets, in source order (OR of AND-sets)
 * @param setTargets per set, its effective target ({@code @Requires(target)} or {@code target});
 *     empty when any set has none
 * @param target the target modality, {@code ""} for none
 * @param route the config route ({@code ""} when not trainable)
 * @param trainable whether models can be trained on it
 * @param head the head class, or null when not trainable
 * @param loss the loss, or null when not trainable
 * @param metrics the metrics in source order (empty when not trainable)
 * @param description one line for docs
 * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} exists
 */
public record TaskTypeModel(TypeRef declaration, String id, List<List<String>> requires, List<String> setTargets,
    String target, String route,
    boolean trainable, TypeRef head, LossModel loss, List<MetricModel> metrics, String description,
    boolean generatedAnnotation) {
  public TaskTypeModel {
    requires = requires.stream().map(List::copyOf).toList();
    setTargets = List.copyOf(setTargets);
    metrics = List.copyOf(metrics);
  }

  /** The generated provider next to the declaration ({@code DepthEstimation_TaskTypeProvider}). */
  public TypeRef provider() {
    return TypeRef.of(declaration.packageName(), declaration.flatName() + "_TaskTypeProvider");
  }

  /**
   * A loss class and the settings keys it reads, from its {@code SETTING_*} string constants.
   *
   * @param type the class
   * @param settings key ({@code class_weights}) to default YAML text ({@code null}), sorted by key
   */
  public record LossModel(TypeRef type, List<Setting> settings) {
    public LossModel {
      settings = List.copyOf(settings);
    }
  }

  /**
   * One loss setting.
   *
   * @param key the YAML key
   * @param yaml the default as YAML text
   */
  public record Setting(String key, String yaml) {}

  /**
   * A metric class and its name (its {@code NAME} constant, or the snake case of its simple name).
   *
   * @param type the class
   * @param name the metric name
   */
  public record MetricModel(TypeRef type, String name) {}
}
