package io.mml.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.mml.processor.Fixtures.compile;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per {@code @ModalityDef} / {@code @TaskTypeDef} rule: the id, the file and the line of
 * the diagnostic, and nothing else. The declarations use the valid pieces of {@link #PARTS} unless
 * the rule is about a piece.
 */
class ExtensionRulesTest {
  private static final String HEADER = String.join("\n",
      "package test;",
      "import io.mml.annotations.ModalityDef;",
      "import io.mml.annotations.Requires;",
      "import io.mml.annotations.TaskTypeDef;",
      "");

  /** Valid and invalid pieces, in one file of their own. */
  private static final JavaFileObject PARTS = JavaFileObjects.forSourceString("test.P", String.join("\n",
      "package test;",
      "import io.mml.runtime.modality.*;",
      "import io.mml.runtime.tasktype.*;",
      "public final class P {",
      "  private P() {}",
      "  public static final class L implements ModalityLoader {",
      "    @Override public Object load(java.nio.file.Path d, Object e) { return e; } }",
      "  public static final class V implements ModalityVerifier {",
      "    @Override public void verify(Object c, Object e) {} }",
      "  public static final class H implements TaskHead {",
      "    @Override public Object build(int n) { return n; } }",
      "  public static final class Lo implements TaskLoss {",
      "    @Override public Object build(Object t, Object s) { return t; } }",
      "  public static class M implements TaskMetric {",
      "    @Override public String name() { return \"m\"; }",
      "    @Override public boolean higherIsBetter() { return true; }",
      "    @Override public double compute(float[][] s, float[][] t) { return 0; } }",
      "  public static final class M2 extends M {",
      "    public static final String NAME = \"m\"; }",
      "  public abstract static class AbstractH implements TaskHead {}",
      "  public static final class ArgH implements TaskHead {",
      "    public ArgH(int n) {}",
      "    @Override public Object build(int n) { return n; } }",
      "  static final class HiddenL implements ModalityLoader {",
      "    @Override public Object load(java.nio.file.Path d, Object e) { return e; } }",
      "  public static final class NotALoader {}",
      "}",
      ""));

  private static JavaFileObject source(String simpleName, String... lines) {
    return JavaFileObjects.forSourceString("test." + simpleName, HEADER + String.join("\n", lines) + "\n");
  }

  private static Compilation assertOnlyError(String id, String line, JavaFileObject src) {
    Compilation c = compile(PARTS, src);
    assertThat(c).hadErrorContaining("[" + id + "]").inFile(src).onLineContaining(line);
    assertThat(c).hadErrorCount(1);
    return c;
  }

  /** A valid task type's annotation with one member replaced or added. */
  private static String taskType(String members) {
    return "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\", route = \"r\","
        + " head = P.H.class, loss = P.Lo.class, metrics = P.M.class" + members + ")";
  }

  // ---- modalities ------------------------------------------------------------------------------

  @Test
  void validDeclarationsCompileWithoutWarnings() {
    Compilation c = compile(PARTS,
        source("D", "@ModalityDef(id = \"d\", loader = P.L.class, verifier = P.V.class) final class D {}"),
        source("T", taskType(""), "final class T {}"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.D_ModalityProvider");
    assertThat(c).generatedSourceFile("test.T_TaskTypeProvider");
  }

  @Test
  void mml401_invalidModalityId() {
    Compilation c = assertOnlyError("MML-401", "id = \"Depth-Map\"", source("D",
        "@ModalityDef(loader = P.L.class, verifier = P.V.class,",
        "    id = \"Depth-Map\")",
        "final class D {}"));
    assertThat(c).hadErrorContaining("@ModalityDef(id = \"depth_map\")");
  }

  @Test
  void mml402_duplicateModalityInThisCompilation() {
    JavaFileObject a = source("A", "@ModalityDef(id = \"d\", loader = P.L.class, verifier = P.V.class) final class A {}");
    JavaFileObject b = source("B", "final class B {",
        "  @ModalityDef(id = \"d\", loader = P.L.class, verifier = P.V.class) static final class Inner {}", "}");
    Compilation c = compile(PARTS, a, b);
    assertThat(c).hadErrorContaining("[MML-402] @ModalityDef id 'd' of test.B.Inner is already declared by test.A")
        .inFile(b).onLineContaining("@ModalityDef(id = \"d\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void mml402_duplicateOfAModalityOnTheClassPath() {
    Compilation c = assertOnlyError("MML-402", "id = \"image\"", source("D",
        "@ModalityDef(id = \"image\", loader = P.L.class, verifier = P.V.class)",
        "final class D {}"));
    assertThat(c).hadErrorContaining("BuiltinModalities (on the class path)");
  }

  @Test
  void mml403_modalityWithoutLoader() {
    assertOnlyError("MML-403", "@ModalityDef(id = \"d\"", source("D",
        "@ModalityDef(id = \"d\", verifier = P.V.class)",
        "final class D {}"));
  }

  @Test
  void mml403_explicitVoidLoaderIsReportedOnTheValue() {
    assertOnlyError("MML-403", "loader = void.class", source("D",
        "@ModalityDef(id = \"d\", verifier = P.V.class,",
        "    loader = void.class)",
        "final class D {}"));
  }

  @Test
  void mml404_modalityWithoutVerifier() {
    assertOnlyError("MML-404", "@ModalityDef(id = \"d\"", source("D",
        "@ModalityDef(id = \"d\", loader = P.L.class)",
        "final class D {}"));
  }

  @Test
  void mml405_loaderNotImplementingTheSpi() {
    Compilation c = assertOnlyError("MML-405", "loader = P.NotALoader.class", source("D",
        "@ModalityDef(id = \"d\", verifier = P.V.class,",
        "    loader = P.NotALoader.class)",
        "final class D {}"));
    assertThat(c).hadErrorContaining("must implement io.mml.runtime.modality.ModalityLoader");
  }

  @Test
  void mml405_verifierNotImplementingTheSpi() {
    assertOnlyError("MML-405", "verifier = P.L.class", source("D",
        "@ModalityDef(id = \"d\", loader = P.L.class,",
        "    verifier = P.L.class)",
        "final class D {}"));
  }

  @Test
  void mml406_loaderNotPublic() {
    Compilation c = assertOnlyError("MML-406", "loader = P.HiddenL.class", source("D",
        "@ModalityDef(id = \"d\", verifier = P.V.class,",
        "    loader = P.HiddenL.class)",
        "final class D {}"));
    assertThat(c).hadErrorContaining("it is not public");
  }

  @Test
  void mml406_abstractHead() {
    Compilation c = assertOnlyError("MML-406", "head = P.AbstractH.class", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\", route = \"r\",",
        "    head = P.AbstractH.class,",
        "    loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
    assertThat(c).hadErrorContaining("it is abstract");
  }

  @Test
  void mml406_headWithoutNoArgConstructor() {
    Compilation c = assertOnlyError("MML-406", "head = P.ArgH.class", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\", route = \"r\",",
        "    head = P.ArgH.class,",
        "    loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
    assertThat(c).hadErrorContaining("it has no no-argument constructor");
  }

  // ---- task types ------------------------------------------------------------------------------

  @Test
  void mml410_invalidTaskTypeId() {
    assertOnlyError("MML-410", "id = \"Depth Estimation\"", source("T",
        "@TaskTypeDef(requires = @Requires(\"image\"), trainable = false,",
        "    id = \"Depth Estimation\")",
        "final class T {}"));
  }

  @Test
  void mml411_duplicateTaskType() {
    JavaFileObject a = source("A", "@TaskTypeDef(id = \"t\", requires = @Requires(\"image\"), trainable = false)",
        "final class A {}");
    JavaFileObject b = source("B", "@TaskTypeDef(id = \"t\", requires = @Requires(\"image\"), trainable = false)",
        "final class B {}");
    Compilation c = compile(PARTS, a, b);
    assertThat(c).hadErrorContaining("[MML-411]").inFile(b).onLineContaining("id = \"t\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void mml412_trainableWithoutHead() {
    assertOnlyError("MML-412", "@TaskTypeDef(id = \"t\"", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\", route = \"r\",",
        "    loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
  }

  @Test
  void mml413_trainableWithoutLoss() {
    assertOnlyError("MML-413", "@TaskTypeDef(id = \"t\"", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\", route = \"r\",",
        "    head = P.H.class, metrics = P.M.class)",
        "final class T {}"));
  }

  @Test
  void mml414_trainableWithoutMetrics() {
    assertOnlyError("MML-414", "@TaskTypeDef(id = \"t\"", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\", route = \"r\",",
        "    head = P.H.class, loss = P.Lo.class)",
        "final class T {}"));
  }

  @Test
  void mml414_emptyMetricsIsReportedOnTheValue() {
    assertOnlyError("MML-414", "metrics = {}", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\", route = \"r\",",
        "    head = P.H.class, loss = P.Lo.class,",
        "    metrics = {})",
        "final class T {}"));
  }

  @Test
  void mml405_metricNotImplementingTheSpi() {
    Compilation c = assertOnlyError("MML-405", "P.H.class}", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\", route = \"r\",",
        "    head = P.H.class, loss = P.Lo.class, metrics = {P.M.class,",
        "        P.H.class})",
        "final class T {}"));
    assertThat(c).hadErrorContaining("@TaskTypeDef metrics[1] = test.P.H.class");
  }

  @Test
  void mml415_notTrainableButNamingALoss() {
    assertOnlyError("MML-415", "loss = P.Lo.class", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires(\"image\"), trainable = false,",
        "    loss = P.Lo.class)",
        "final class T {}"));
  }

  @Test
  void mml416_emptyRequires() {
    assertOnlyError("MML-416", "@TaskTypeDef(id = \"t\"", source("T",
        "@TaskTypeDef(id = \"t\", trainable = false)",
        "final class T {}"));
  }

  @Test
  void mml416_emptyRequiresSet() {
    assertOnlyError("MML-416", "@Requires({})", source("T",
        "@TaskTypeDef(id = \"t\", trainable = false, requires = {@Requires(\"image\"),",
        "    @Requires({})})",
        "final class T {}"));
  }

  @Test
  void mml417_unknownModalityInRequiresWithDidYouMean() {
    Compilation c = assertOnlyError("MML-417", "\"imgae\"", source("T",
        "@TaskTypeDef(id = \"t\", trainable = false, requires = @Requires({",
        "    \"imgae\"}))",
        "final class T {}"));
    assertThat(c).hadErrorContaining("Did you mean 'image'?");
    assertThat(c).hadErrorContaining("Known modalities: class, image.");
  }

  @Test
  void mml417_unknownTargetModality() {
    assertOnlyError("MML-417", "target = \"mask\"", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), route = \"r\",",
        "    target = \"mask\",",
        "    head = P.H.class, loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
  }

  @Test
  void mml417_modalityDeclaredInTheSameCompilationIsKnown() {
    Compilation c = compile(PARTS,
        source("D", "@ModalityDef(id = \"depth\", loader = P.L.class, verifier = P.V.class) final class D {}"),
        source("T", "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"depth\"}), trainable = false)",
            "final class T {}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void mml418_targetNotInEveryRequiredSet() {
    Compilation c = assertOnlyError("MML-418", "target = \"class\"", source("T",
        "@TaskTypeDef(id = \"t\", requires = {@Requires({\"image\", \"class\"}), @Requires(\"image\")}, route = \"r\",",
        "    target = \"class\",",
        "    head = P.H.class, loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
    assertThat(c).hadErrorContaining("missing from the required set {image}");
  }

  @Test
  void mml418_aSetMayNameItsOwnTarget() {
    Compilation c = compile(PARTS, source("T",
        "@TaskTypeDef(id = \"t\", target = \"class\", route = \"r\", requires = {@Requires({\"image\", \"class\"}),",
        "    @Requires(value = {\"image\"}, target = \"image\")},",
        "    head = P.H.class, loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void mml418_setTargetNotInItsSet() {
    assertOnlyError("MML-418", "target = \"class\")}", source("T",
        "@TaskTypeDef(id = \"t\", target = \"class\", route = \"r\", requires = {@Requires({\"image\", \"class\"}),",
        "    @Requires(value = {\"image\"}, target = \"class\")},",
        "    head = P.H.class, loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
  }

  @Test
  void mml419_trainableWithoutRoute() {
    assertOnlyError("MML-419", "@TaskTypeDef(id = \"t\"", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\",",
        "    head = P.H.class, loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
  }

  @Test
  void mml419_invalidRoute() {
    assertOnlyError("MML-419", "route = \"Cls/x\"", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\",",
        "    route = \"Cls/x\",",
        "    head = P.H.class, loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
  }

  @Test
  void mml420_trainableWithoutTarget() {
    assertOnlyError("MML-420", "@TaskTypeDef(id = \"t\"", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), route = \"r\",",
        "    head = P.H.class, loss = P.Lo.class, metrics = P.M.class)",
        "final class T {}"));
  }

  @Test
  void mml421_duplicateRoute() {
    JavaFileObject a = source("A", taskType(""), "final class A {}");
    JavaFileObject b = source("B", taskType("").replace("id = \"t\"", "id = \"u\""), "final class B {}");
    Compilation c = compile(PARTS, a, b);
    assertThat(c).hadErrorContaining("[MML-421] The route 'r' of task type 'u' on test.B is already used by task type 't'")
        .inFile(b).onLineContaining("route = \"r\"");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void mml422_duplicateMetricName() {
    Compilation c = assertOnlyError("MML-422", "P.M2.class})", source("T",
        "@TaskTypeDef(id = \"t\", requires = @Requires({\"image\", \"class\"}), target = \"class\", route = \"r\",",
        "    head = P.H.class, loss = P.Lo.class, metrics = {P.M.class,",
        "        P.M2.class})",
        "final class T {}"));
    assertThat(c).hadErrorContaining("is named 'm' like test.P.M");
  }
}
