package io.mml.processor.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One validated {@code @Param} field.
 *
 * @param field the field name
 * @param key the key under {@code mode.}
 * @param kind how the value is read
 * @param valueType the box, enum or list element class ({@code BOXED}, {@code ENUM}, {@code LIST})
 * @param typeDisplay the type as written in source ({@code int}, {@code List<String>})
 * @param defaultYaml the default as YAML text ({@code 1337}, {@code [a, b]}, {@code null})
 * @param doc what the parameter does ({@code ""} if undocumented)
 */
public record ParamModel(
    String field, String key, ParamKind kind, Optional<TypeRef> valueType, String typeDisplay,
    String defaultYaml, String doc) {
  public ParamModel {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(typeDisplay, "typeDisplay");
    Objects.requireNonNull(defaultYaml, "defaultYaml");
    Objects.requireNonNull(doc, "doc");
  }
}
