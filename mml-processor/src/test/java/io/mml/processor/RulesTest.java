package io.mml.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.mml.processor.Fixtures.compile;
import static io.mml.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per rule id: the id, the file and the line of the diagnostic, and nothing else. */
class RulesTest {
  private static final String OK_STEP = "  @Subroutine(\"ok\") void ok() {}";

  private static Compilation assertOnlyError(String id, String line, JavaFileObject src) {
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[" + id + "]").inFile(src).onLineContaining(line);
    assertThat(c).hadErrorCount(1);
    return c;
  }

  @Test
  void mml101_abstractMode() {
    assertOnlyError("MML-101", "abstract class X", source("X",
        "@Mode(id = \"x\")",
        "abstract class X extends AbstractBaseScheduler {", OK_STEP, "}"));
  }

  @Test
  void mml102_privateNested() {
    assertOnlyError("MML-102", "private static class Inner", source("X",
        "class X {",
        "  @Mode(id = \"x\")",
        "  private static class Inner extends AbstractBaseScheduler {", "  " + OK_STEP, "  }", "}"));
  }

  @Test
  void mml102_innerClass() {
    Compilation c = assertOnlyError("MML-102", "class Inner extends", source("X",
        "class X {",
        "  @Mode(id = \"x\")",
        "  class Inner extends AbstractBaseScheduler {", "  " + OK_STEP, "  }", "}"));
    assertThat(c).hadErrorContaining("non-static (inner) class");
  }

  @Test
  void mml102_nestedInPrivateClass() {
    Compilation c = assertOnlyError("MML-102", "static class Inner extends", source("X",
        "class X {",
        "  private static class Middle {",
        "    @Mode(id = \"x\")",
        "    static class Inner extends AbstractBaseScheduler {", "    " + OK_STEP, "    }", "  }", "}"));
    assertThat(c).hadErrorContaining("nested in the private class test.X.Middle");
  }

  @Test
  void mml103_notAScheduler() {
    assertOnlyError("MML-103", "class X {", source("X",
        "@Mode(id = \"x\")",
        "class X {", OK_STEP, "}"));
  }

  @Test
  void mml104_noUsableConstructor() {
    Compilation c = assertOnlyError("MML-104", "class X extends", source("X",
        "@Mode(id = \"x\")",
        "class X extends AbstractBaseScheduler {",
        "  X(int a) {}", OK_STEP, "}"));
    assertThat(c).hadErrorContaining("only constructors with parameters");
  }

  @Test
  void mml104_privateConstructor() {
    Compilation c = assertOnlyError("MML-104", "class X extends", source("X",
        "@Mode(id = \"x\")",
        "class X extends AbstractBaseScheduler {",
        "  private X() {}", OK_STEP, "}"));
    assertThat(c).hadErrorContaining("no-argument constructor is private");
  }

  @Test
  void mml105_invalidId() {
    Compilation c = assertOnlyError("MML-105", "@Mode(id = \"Buzz-1\")", source("X",
        "@Mode(id = \"Buzz-1\")",
        "class X extends AbstractBaseScheduler {", OK_STEP, "}"));
    assertThat(c).hadErrorContaining("@Mode(id = \"buzz_1\")");
  }

  @Test
  void mml106_duplicateId() {
    JavaFileObject a = source("A", "@Mode(id = \"same\") class A extends AbstractBaseScheduler {", OK_STEP, "}");
    JavaFileObject b = source("B", "@Mode(id = \"same\") class B extends AbstractBaseScheduler {", OK_STEP, "}");
    Compilation c = compile(a, b);
    assertThat(c).hadErrorContaining("[MML-106] @Mode id 'same' of test.B is already used by test.A")
        .inFile(b).onLineContaining("@Mode(id = \"same\")");
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[MML-106]").inFile(b).onLineContaining("class B");
  }

  @Test
  void mml107_badDefaultsEntry() {
    assertOnlyError("MML-107", "\"bad entry\"", source("X",
        "@Mode(id = \"x\", defaults = {",
        "    \"augmentations=no_norm\",",
        "    \"bad entry\"})",
        "class X extends AbstractBaseScheduler {", OK_STEP, "}"));
  }

  @Test
  void mml108_noSubroutinesIsAWarning() {
    JavaFileObject src = source("X", "@Mode(id = \"x\")", "class X extends AbstractBaseScheduler {", "}");
    Compilation c = compile(src);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[MML-108]").inFile(src).onLineContaining("class X extends");
    assertThat(c).generatedSourceFile("test.X_Routine");
  }

  @Test
  void mml109_generic() {
    assertOnlyError("MML-109", "class X<T>", source("X",
        "@Mode(id = \"x\")",
        "class X<T> extends AbstractBaseScheduler {", OK_STEP, "}"));
  }

  private static JavaFileObject mode(String... members) {
    String[] lines = new String[members.length + 3];
    lines[0] = "@Mode(id = \"x\")";
    lines[1] = "class X extends AbstractBaseScheduler {";
    System.arraycopy(members, 0, lines, 2, members.length);
    lines[lines.length - 1] = "}";
    return source("X", lines);
  }

  @Test
  void mml201_privateStep() {
    assertOnlyError("MML-201", "private void a()", mode("  @Subroutine(\"a\")", "  private void a() {}"));
  }

  @Test
  void mml202_staticStep() {
    assertOnlyError("MML-202", "static void a()", mode("  @Subroutine(\"a\")", "  static void a() {}"));
  }

  @Test
  void mml203_perTaskSignature() {
    Compilation c = assertOnlyError("MML-203", "void stepA(int a, int b)",
        mode("  @Subroutine(\"a\") @PerTask", "  void stepA(int a, int b) {}"));
    assertThat(c).hadErrorContaining(
        "[MML-203] @PerTask method stepA must take exactly one parameter of type TaskStruct or String; found (int, int)."
            + " Change the signature to stepA(TaskStruct task).");
  }

  @Test
  void mml203_pivotSignature() {
    assertOnlyError("MML-203", "void p()", mode("  @Subroutine(\"p\") @PerTask(PerTask.Tasks.PIVOT)", "  void p() {}"));
  }

  @Test
  void mml204_onceWithParameters() {
    assertOnlyError("MML-204", "void b(TaskStruct t)", mode("  @Subroutine(\"b\")", "  void b(TaskStruct t) {}"));
  }

  @Test
  void mml205_perFoldSignature() {
    assertOnlyError("MML-205", "void f(TaskStruct t, long fold)",
        mode("  @Subroutine(\"f\") @PerTask(perFold = true)", "  void f(TaskStruct t, long fold) {}"));
  }

  @Test
  void mml206_duplicateSubroutine() {
    Compilation c = assertOnlyError("MML-206", "@Subroutine(\"a\") void second()",
        mode("  @Subroutine(\"a\") void first() {}", "  @Subroutine(\"a\") void second() {}"));
    assertThat(c).hadErrorContaining("already used by method first");
  }

  @Test
  void mml207_subroutineWithoutMode() {
    JavaFileObject src = source("X", "class X {", "  @Subroutine(\"a\") void a() {}", "}");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[MML-207]").inFile(src).onLineContaining("void a()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void mml208_perTaskWithoutSubroutine() {
    assertOnlyError("MML-208", "@PerTask void a(TaskStruct t)", mode(OK_STEP, "  @PerTask void a(TaskStruct t) {}"));
  }

  @Test
  void mml208_resourcesWithoutSubroutineOutsideMode() {
    JavaFileObject src = source("X", "class X {", "  @Resources(gpus = 1) void a() {}", "}");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[MML-208] @Resources on method a").inFile(src).onLineContaining("void a()");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void mml209_invalidName() {
    assertOnlyError("MML-209", "@Subroutine(\"Step-A\")", mode("  @Subroutine(\"Step-A\") void a() {}"));
  }

  @Test
  void mml209_reservedName() {
    Compilation c = assertOnlyError("MML-209", "@Subroutine(\"prepare\")", mode("  @Subroutine(\"prepare\") void a() {}"));
    assertThat(c).hadErrorContaining("reserved");
  }

  @Test
  void mml210_invalidResources() {
    JavaFileObject src = mode("  @Subroutine(\"a\")",
        "  @Resources(",
        "      gpus = -1,",
        "      cpus = 0,",
        "      memory = \"lots\",",
        "      time = \"1h\")",
        "  void a() {}");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[MML-210] @Resources gpus").inFile(src).onLineContaining("gpus = -1");
    assertThat(c).hadErrorContaining("[MML-210] @Resources cpus").inFile(src).onLineContaining("cpus = 0");
    assertThat(c).hadErrorContaining("[MML-210] @Resources memory").inFile(src).onLineContaining("memory = \"lots\"");
    assertThat(c).hadErrorContaining("[MML-210] @Resources time").inFile(src).onLineContaining("time = \"1h\"");
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void mml301_finalParam() {
    assertOnlyError("MML-301", "final int n", mode(OK_STEP, "  @Param final int n = 1;"));
  }

  @Test
  void mml302_staticParam() {
    assertOnlyError("MML-302", "static int n", mode(OK_STEP, "  @Param static int n;"));
  }

  @Test
  void mml303_unsupportedType() {
    Compilation c = assertOnlyError("MML-303", "java.util.Map<String, String> m",
        mode(OK_STEP, "  @Param java.util.Map<String, String> m;"));
    assertThat(c).hadErrorContaining("Supported: int, long");
  }

  @Test
  void mml303_listOfUnsupportedElement() {
    assertOnlyError("MML-303", "List<Object> objs", mode(OK_STEP, "  @Param List<Object> objs;"));
  }

  @Test
  void mml304_badIntDefault() {
    assertOnlyError("MML-304", "defaultValue = \"abc\"", mode(OK_STEP, "  @Param(defaultValue = \"abc\") int n;"));
  }

  @Test
  void mml304_enumDidYouMean() {
    Compilation c = assertOnlyError("MML-304", "defaultValue = \"REDD\"", mode(OK_STEP,
        "  enum Color { RED, GREEN }",
        "  @Param(defaultValue = \"REDD\") Color color;"));
    assertThat(c).hadErrorContaining("Did you mean 'RED'?");
  }

  @Test
  void mml304_badList() {
    assertOnlyError("MML-304", "defaultValue = \"[1, x]\"", mode(OK_STEP, "  @Param(defaultValue = \"[1, x]\") List<Integer> xs;"));
  }

  @Test
  void mml305_privateParam() {
    assertOnlyError("MML-305", "private int n", mode(OK_STEP, "  @Param private int n;"));
  }

  @Test
  void mml306_duplicateKey() {
    Compilation c = assertOnlyError("MML-306", "int second", mode(OK_STEP,
        "  @Param int varOne;",
        "  @Param(key = \"var_one\") int second;"));
    assertThat(c).hadErrorContaining("already used by field varOne");
  }

  @Test
  void mml307_paramWithoutMode() {
    JavaFileObject src = source("X", "class X {", "  @Param int n;", "}");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[MML-307]").inFile(src).onLineContaining("int n");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void mml308_invalidKey() {
    assertOnlyError("MML-308", "key = \"Var-One\"", mode(OK_STEP, "  @Param(key = \"Var-One\") int n;"));
  }

  @Test
  void mml901_badOptionValues() {
    JavaFileObject src = mode(OK_STEP);
    Compilation c = compile(List.of("-Amml.verbose=maybe", "-Amml.main=1bad.name"), src);
    assertThat(c).hadErrorContaining("[MML-901] Option -Amml.verbose has the invalid value 'maybe'. Valid values: true, false.");
    assertThat(c).hadErrorContaining("[MML-901] Option -Amml.main has the invalid value '1bad.name'");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void mml903_unresolvedType() {
    JavaFileObject src = mode("  @Subroutine(\"a\") @PerTask void a(NotGenerated t) {}");
    Compilation c = compile(src);
    assertThat(c).hadErrorContaining("[MML-903]").inFile(src).onLineContaining("class X extends");
    assertThat(c).hadErrorContaining("NotGenerated");
  }
}
