package io.mml.processor.model;

/** The supported {@code @Param} field types, grouped by how they are read from the config. */
public enum ParamKind {
  INT, LONG, DOUBLE, FLOAT, BOOLEAN,
  /** A box ({@code Integer}, ...): {@code config.get(key, Box.class)}. */
  BOXED,
  STRING, PATH,
  /** An enum: {@code config.get(key, MyEnum.class)}. */
  ENUM,
  /** {@code List<X>}: {@code config.getList(key, X.class)}. */
  LIST
}
