package io.mml.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.mml.processor.Fixtures.compile;
import static io.mml.processor.Fixtures.fixture;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import com.google.testing.compile.JavaFileObjects;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "test project": a new modality {@code depth} and a task type {@code depth_estimation}
 * declared in a few lines (fixtures {@code io.mml.samples.depth}). It compiles clean, its generated
 * code passes every lint and registers what was declared; removing any one piece is a compile error
 * with its id, on the declaration's file and line.
 */
class DepthProjectTest {
  private static final String DEPTH = "io.mml.samples.depth.Depth";
  private static final String TASK = "io.mml.samples.depth.DepthEstimation";
  private static final String PARTS = "io.mml.samples.depth.DepthParts";

  private static String text(String qualifiedName) {
    return new String(Fixtures.bytes(fixture(qualifiedName)), StandardCharsets.UTF_8);
  }

  /** The fixture project with one file's text edited. */
  private static Compilation compileWith(String edited, String from, String to, JavaFileObject[] out) {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String name : List.of(DEPTH, TASK, PARTS)) {
      if (name.equals(edited)) {
        String t = text(name);
        assertThat(t).contains(from);
        out[0] = JavaFileObjects.forSourceString(name, t.replace(from, to));
        sources.add(out[0]);
      } else {
        sources.add(fixture(name));
      }
    }
    return compile(sources.toArray(new JavaFileObject[0]));
  }

  private static void assertMissingPiece(String id, String edited, String from, String to, String line) {
    JavaFileObject[] src = new JavaFileObject[1];
    Compilation c = compileWith(edited, from, to, src);
    CompilationSubject.assertThat(c).hadErrorContaining("[" + id + "]").inFile(src[0]).onLineContaining(line);
    CompilationSubject.assertThat(c).hadErrorCount(1);
  }

  @Test
  void compilesCleanWithEveryLintAsAnError() {
    List<JavaFileObject> user = List.of(fixture(DEPTH), fixture(TASK), fixture(PARTS));
    Compilation first = compile(List.of("-Xlint:all,-processing", "-Werror"), user.toArray(new JavaFileObject[0]));
    CompilationSubject.assertThat(first).succeededWithoutWarnings();
    List<JavaFileObject> again = new ArrayList<>(Fixtures.fakeRuntime());
    again.addAll(user);
    again.addAll(first.generatedSourceFiles());
    Compilation second = javac().withOptions("-Xlint:all", "-Werror", "-proc:none").compile(again);
    CompilationSubject.assertThat(second).succeededWithoutWarnings();
  }

  @Test
  void generatedProvidersRegisterWhatWasDeclared() throws Exception {
    Compilation c = compile(fixture(DEPTH), fixture(TASK), fixture(PARTS));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = new GeneratedCodeTest.CompiledClassLoader(c);
    {
      Object modality = loader.loadClass("io.mml.samples.depth.Depth_ModalityProvider").getConstructor().newInstance();
      Object m = modality.getClass().getMethod("modality").invoke(modality);
      assertThat(m.toString()).startsWith("Modality[id=depth, loader=io.mml.samples.depth.DepthParts$Loader@");
      assertThat(m.toString()).contains("augmentable=true");
      Object taskType = loader.loadClass("io.mml.samples.depth.DepthEstimation_TaskTypeProvider").getConstructor()
          .newInstance();
      Object t = taskType.getClass().getMethod("taskType").invoke(taskType);
      assertThat(t.getClass().getMethod("requires").invoke(t)).isEqualTo(List.of(java.util.Set.of("image", "depth")));
      assertThat(t.getClass().getMethod("target").invoke(t)).isEqualTo("depth");
      assertThat(t.getClass().getMethod("route").invoke(t)).isEqualTo("depth");
      List<?> metrics = (List<?>) t.getClass().getMethod("metrics").invoke(t);
      List<Object> names = new ArrayList<>();
      for (Object supplier : metrics) {
        Object metric = ((java.util.function.Supplier<?>) supplier).get();
        names.add(metric.getClass().getMethod("name").invoke(metric));
      }
      assertThat(names).containsExactly("rmse", "abs_rel").inOrder();
      Object head = ((java.util.function.Supplier<?>) t.getClass().getMethod("head").invoke(t)).get();
      assertThat(head.getClass().getMethod("build", int.class).invoke(head, 1)).isEqualTo("conv1x1(1)");
    }
  }

  @Test
  void modalitiesDeclaredInAJarOnTheClassPathAreKnownAndDuplicatesFound(@TempDir Path dir) {
    // Compilation 1, "the library": declares depth. Compilation 2, "the user": uses it, and redeclares it.
    List<JavaFileObject> lib = new ArrayList<>(Fixtures.fakeRuntime());
    lib.addAll(List.of(fixture(DEPTH), fixture(PARTS)));
    DiskCompiler.Result first = DiskCompiler.compile(dir.resolve("lib"), dir.resolve("lib-gen"), lib, List.of());
    assertThat(first.diagnostics()).isEmpty();
    assertThat(first.success()).isTrue();
    JavaFileObject user = JavaFileObjects.forSourceString("com.user.Uses", String.join("\n",
        "package com.user;",
        "@io.mml.annotations.TaskTypeDef(id = \"depth_only\", requires = @io.mml.annotations.Requires(\"depth\"),",
        "    trainable = false)",
        "final class Uses {}",
        ""));
    DiskCompiler.Result second = DiskCompiler.compileWithClasspath(dir.resolve("user"), dir.resolve("user-gen"),
        List.of(user), List.of(), dir.resolve("lib"));
    assertThat(second.diagnostics()).isEmpty();
    assertThat(second.success()).isTrue();
    assertThat(Files.exists(dir.resolve("user/META-INF/services/io.mml.runtime.tasktype.TaskTypeProvider"))).isTrue();

    JavaFileObject twice = JavaFileObjects.forSourceString("com.user.Again", String.join("\n",
        "package com.user;",
        "@io.mml.annotations.ModalityDef(id = \"depth\", loader = io.mml.samples.depth.DepthParts.Loader.class,",
        "    verifier = io.mml.samples.depth.DepthParts.Verifier.class)",
        "final class Again {}",
        ""));
    DiskCompiler.Result third = DiskCompiler.compileWithClasspath(dir.resolve("again"), dir.resolve("again-gen"),
        List.of(twice), List.of(), dir.resolve("lib"));
    assertThat(third.success()).isFalse();
    assertThat(String.join("\n", third.diagnostics()))
        .contains("[MML-402] @ModalityDef id 'depth' of com.user.Again is already declared by io.mml.samples.depth.Depth"
            + " (on the class path)");
  }

  @Test
  void twoCompilationsGiveIdenticalOutputs() {
    Map<String, String> a = outputs(compile(fixture(DEPTH), fixture(TASK), fixture(PARTS)));
    Map<String, String> b = outputs(compile(fixture(DEPTH), fixture(TASK), fixture(PARTS)));
    assertThat(a).isEqualTo(b);
    assertThat(a).containsKey("/CLASS_OUTPUT/META-INF/mml/configs/loss/depth/default.yaml");
  }

  private static Map<String, String> outputs(Compilation c) {
    Map<String, String> out = new TreeMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        URI uri = f.toUri();
        out.put(uri.getPath(), new String(Fixtures.bytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  // ---- each missing piece ----------------------------------------------------------------------

  @Test
  void noLoader() {
    assertMissingPiece("MML-403", DEPTH, "loader = DepthParts.Loader.class, ", "", "@ModalityDef(id = \"depth\"");
  }

  @Test
  void noVerifier() {
    assertMissingPiece("MML-404", DEPTH, "verifier = DepthParts.Verifier.class, ", "", "@ModalityDef(id = \"depth\"");
  }

  @Test
  void noHead() {
    assertMissingPiece("MML-412", TASK, "head = DepthParts.Head.class, ", "", "@TaskTypeDef(id = \"depth_estimation\"");
  }

  @Test
  void noLoss() {
    assertMissingPiece("MML-413", TASK, "loss = DepthParts.Loss.class, ", "", "@TaskTypeDef(id = \"depth_estimation\"");
  }

  @Test
  void noMetrics() {
    assertMissingPiece("MML-414", TASK, "metrics = {DepthParts.Rmse.class, DepthParts.AbsRel.class}",
        "metrics = {}", "metrics = {}");
  }

  @Test
  void unknownModality() {
    assertMissingPiece("MML-417", TASK, "@Requires({\"image\", \"depth\"})", "@Requires({\"image\", \"dpeth\"})",
        "\"dpeth\"");
  }
}
