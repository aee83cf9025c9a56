package io.mml.processor.model;

/**
 * Names of the marker classes generated for every declared modality and task type. A marker lives
 * in a fixed package, so a later compilation finds the ids declared in jars on its class path with
 * {@code Elements.getTypeElement} (and lists them through the package), without reading resources.
 */
public final class RegistryMarkers {
  /** The package of modality markers. */
  public static final String MODALITY_PACKAGE = "io.mml.registry.modality";
  /** The package of task type markers. */
  public static final String TASK_TYPE_PACKAGE = "io.mml.registry.tasktype";
  /** The simple-name prefix of a modality marker. */
  public static final String MODALITY_PREFIX = "Modality_";
  /** The simple-name prefix of a task type marker. */
  public static final String TASK_TYPE_PREFIX = "TaskType_";
  /** The String constant of a marker naming the declaring class. */
  public static final String DECLARED_BY = "DECLARED_BY";
  /** The String constant of a marker holding the id. */
  public static final String ID = "ID";

  private RegistryMarkers() {}

  /** The marker of a modality id. */
  public static TypeRef modality(String id) {
    return TypeRef.of(MODALITY_PACKAGE, MODALITY_PREFIX + id);
  }

  /** The marker of a task type id. */
  public static TypeRef taskType(String id) {
    return TypeRef.of(TASK_TYPE_PACKAGE, TASK_TYPE_PREFIX + id);
  }
}
