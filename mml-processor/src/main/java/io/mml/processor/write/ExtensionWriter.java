package io.mml.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.mml.processor.model.ModalityModel;
import io.mml.processor.model.RegistryMarkers;
import io.mml.processor.model.TaskTypeModel;
import io.mml.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the Java side of modality and task type declarations: a provider next to the declaration
 * (found by {@code ServiceLoader}; it creates loaders, verifiers, heads, losses and metrics with
 * {@code new}, no reflection) and a marker class in a fixed package that tells later compilations
 * the id exists.
 */
public final class ExtensionWriter {
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName SET = ClassName.get("java.util", "Set");

  /** {@code <Decl>_ModalityProvider}. */
  public GeneratedFile provider(ModalityModel m) {
    CodeBlock body = CodeBlock.of("return new $T($S, new $T(), new $T(), $L, $S)", RuntimeNames.MODALITY, m.id(),
        RoutineWriter.className(m.loader()), RoutineWriter.className(m.verifier()), m.augmentable(), m.description());
    TypeSpec.Builder type = providerType(m.provider(), RuntimeNames.MODALITY_PROVIDER, m.generatedAnnotation(),
        "Registers modality {@code $L} (declared by {@code $L}); found by {@code ServiceLoader}.\n", m.id(),
        m.declaration().canonicalName());
    type.addMethod(MethodSpec.methodBuilder("modality").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(RuntimeNames.MODALITY).addStatement(body).build());
    return file(m.provider(), type.build(), m.declaration());
  }

  /** {@code <Decl>_TaskTypeProvider}. */
  public GeneratedFile provider(TaskTypeModel t) {
    List<CodeBlock> sets = new ArrayList<>();
    for (List<String> set : t.requires()) {
      sets.add(CodeBlock.of("$T.of($L)", SET, CodeBlock.join(set.stream().map(s -> CodeBlock.of("$S", s)).toList(), ", ")));
    }
    CodeBlock head = t.head() == null ? CodeBlock.of("null") : CodeBlock.of("$T::new", RoutineWriter.className(t.head()));
    CodeBlock loss = t.loss() == null ? CodeBlock.of("null")
        : CodeBlock.of("$T::new", RoutineWriter.className(t.loss().type()));
    CodeBlock metrics = CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(
        t.metrics().stream().map(mm -> CodeBlock.of("$T::new", RoutineWriter.className(mm.type()))).toList(), ", "));
    CodeBlock body = CodeBlock.builder()
        .add("return new $T($S,\n", RuntimeNames.TASK_TYPE, t.id())
        .add("$T.of($L),\n", LIST, CodeBlock.join(sets, ", "))
        .add("$T.of($L),\n", LIST, CodeBlock.join(t.setTargets().stream().map(s -> CodeBlock.of("$S", s)).toList(), ", "))
        .add("$L, $L, $L,\n", nullable(t.target()), nullable(t.route()), t.trainable())
        .add("$L, $L, $L,\n", head, loss, metrics)
        .add("$S)", t.description())
        .build();
    TypeSpec.Builder type = providerType(t.provider(), RuntimeNames.TASK_TYPE_PROVIDER, t.generatedAnnotation(),
        "Registers task type {@code $L} (declared by {@code $L}); found by {@code ServiceLoader}.\n", t.id(),
        t.declaration().canonicalName());
    type.addMethod(MethodSpec.methodBuilder("taskType").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(RuntimeNames.TASK_TYPE).addStatement(body).build());
    return file(t.provider(), type.build(), t.declaration());
  }

  /** The marker {@code io.mml.registry.modality.Modality_<id>}. */
  public GeneratedFile marker(ModalityModel m) {
    return marker(RegistryMarkers.modality(m.id()), "modality", m.id(), m.declaration(), m.generatedAnnotation());
  }

  /** The marker {@code io.mml.registry.tasktype.TaskType_<id>}. */
  public GeneratedFile marker(TaskTypeModel t) {
    return marker(RegistryMarkers.taskType(t.id()), "task type", t.id(), t.declaration(), t.generatedAnnotation());
  }

  private static GeneratedFile marker(TypeRef ref, String kind, String id, TypeRef declaration, boolean generated) {
    TypeSpec.Builder type = TypeSpec.classBuilder(ref.flatName())
        .addJavadoc("Marks $L {@code $L} (declared by {@code $L}), so later compilations know it exists.\n", kind, id,
            declaration.canonicalName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    if (generated) {
      type.addAnnotation(generatedAnnotation());
    }
    type.addField(FieldSpec.builder(String.class, RegistryMarkers.ID, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The id.\n").initializer("$S", id).build());
    type.addField(FieldSpec.builder(String.class, RegistryMarkers.DECLARED_BY, Modifier.PUBLIC, Modifier.STATIC,
        Modifier.FINAL).addJavadoc("The class carrying the declaration.\n").initializer("$S", declaration.canonicalName())
        .build());
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    return file(ref, type.build(), declaration);
  }

  private static TypeSpec.Builder providerType(TypeRef ref, ClassName iface, boolean generated, String doc,
      Object... args) {
    TypeSpec.Builder type = TypeSpec.classBuilder(ref.flatName())
        .addJavadoc(doc, args)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(iface);
    if (generated) {
      type.addAnnotation(generatedAnnotation());
    }
    type.addMethod(MethodSpec.constructorBuilder()
        .addJavadoc("Public and without parameters: instantiated by {@code ServiceLoader}.\n")
        .addModifiers(Modifier.PUBLIC).build());
    return type;
  }

  private static AnnotationSpec generatedAnnotation() {
    return AnnotationSpec.builder(RuntimeNames.GENERATED).addMember("value", "$S", RuntimeNames.PROCESSOR).build();
  }

  private static CodeBlock nullable(String s) {
    return s.isEmpty() ? CodeBlock.of("null") : CodeBlock.of("$S", s);
  }

  private static GeneratedFile file(TypeRef ref, TypeSpec type, TypeRef declaration) {
    JavaFile file = JavaFile.builder(ref.packageName(), type)
        .addFileComment("Generated by mml-processor from $L. Do not edit.", declaration.canonicalName())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
    return new GeneratedFile(ref.canonicalName(), file.toString());
  }
}
