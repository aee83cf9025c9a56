package io.mml.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.mml.processor.Fixtures.compile;
import static io.mml.processor.Fixtures.fixture;
import static io.mml.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modes that extend other modes or abstract bases: inherited params and steps, overrides, clashes, access. */
class InheritanceTest {
  private static final List<JavaFileObject> INHERIT = List.of(
      fixture("io.mml.samples.inherit.TrainingScheduler"), fixture("io.mml.samples.inherit.TransferScheduler"),
      fixture("io.mml.samples.inherit.AbstractStatsScheduler"), fixture("io.mml.samples.inherit.StatsScheduler"));

  private static final String TRAIN = String.join("\n",
      "@Mode(id = \"train\")",
      "class Train extends AbstractBaseScheduler {",
      "  @Param boolean cv;",
      "  @Subroutine(\"train\") @PerTask(perFold = true) void train(TaskStruct t, int fold) {}",
      "  @Subroutine(\"predict\") @PerTask void predict(TaskStruct t) {}",
      "}");

  private static Compilation assertOnlyError(String id, String line, JavaFileObject in, JavaFileObject... sources) {
    Compilation c = compile(sources);
    CompilationSubject.assertThat(c).hadErrorContaining("[" + id + "]").inFile(in).onLineContaining(line);
    CompilationSubject.assertThat(c).hadErrorCount(1);
    return c;
  }

  private static JavaFileObject java(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceString(qualifiedName, String.join("\n", lines) + "\n");
  }

  // ---- generated code --------------------------------------------------------------------------

  @Test
  void inheritedCodeCompilesWithAllLintsAsErrors() {
    Compilation first = compile(List.of("-Xlint:all,-processing", "-Werror"), INHERIT.toArray(new JavaFileObject[0]));
    CompilationSubject.assertThat(first).succeededWithoutWarnings();
    List<JavaFileObject> sources = new ArrayList<>(Fixtures.fakeRuntime());
    sources.addAll(INHERIT);
    sources.addAll(first.generatedSourceFiles());
    Compilation second = javac().withOptions("-Xlint:all", "-Werror", "-proc:none").compile(sources);
    CompilationSubject.assertThat(second).succeededWithoutWarnings();
  }

  @Test
  void subclassRoutineBindsInheritedParamsAndDispatchesToOverrides() throws Exception {
    Compilation c = compile(INHERIT.toArray(new JavaFileObject[0]));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = new GeneratedCodeTest.CompiledClassLoader(c);
    Object routine = loader.loadClass("io.mml.samples.inherit.TransferScheduler_Routine").getConstructor().newInstance();
    Object scheduler = call(routine, "newScheduler");
    Object config = loader.loadClass("io.mml.runtime.config.Config").getConstructor(Map.class)
        .newInstance(Map.of("mode.cv", true, "mode.epochs", 3, "mode.source", "resnet"));
    method(routine, "bind").invoke(routine, scheduler, config);
    Object ctx = loader.loadClass("io.mml.runtime.scheduler.SimplePlanContext")
        .getConstructor(List.class, Optional.class, Set.class, Map.class)
        .newInstance(List.of("t1"), Optional.empty(), Set.of("train", "predict", "summary", "transfer"),
            Map.of("t1", List.of(0, 1)));
    List<?> steps = (List<?>) method(routine, "plan").invoke(routine, scheduler, ctx);
    for (Object s : steps) {
      method(routine, "run").invoke(routine, scheduler, s);
    }
    // predict is overridden without annotation, summary with the same @Subroutine: both dispatch to the subclass.
    assertThat(calls(scheduler)).containsExactly("train:t1:0:3:true", "train:t1:1:3:true", "tl-predict:t1:resnet",
        "tl-summary", "transfer:t1").inOrder();

    // The parent mode keeps its own steps.
    Object parent = loader.loadClass("io.mml.samples.inherit.TrainingScheduler_Routine").getConstructor().newInstance();
    assertThat(((List<?>) call(parent, "subroutines")).stream().map(Object::toString).toList()).containsExactly(
        "SubroutineInfo[name=train, kind=PER_FOLD, method=train, resources=ResourceSpec[gpus=1, cpus=1, memory=8G, time=2:00:00]]",
        "SubroutineInfo[name=predict, kind=PER_TASK, method=predict, resources=ResourceSpec[gpus=0, cpus=1, memory=2G, time=1:00:00]]",
        "SubroutineInfo[name=summary, kind=ONCE, method=summary, resources=ResourceSpec[gpus=0, cpus=1, memory=2G, time=1:00:00]]")
        .inOrder();
  }

  @Test
  void overridingAStepWithoutAnnotationKeepsTheInheritedStep() {
    Compilation c = compile(source("Train", TRAIN), source("Tl",
        "@Mode(id = \"tl\")",
        "class Tl extends Train {",
        "  @Override void predict(TaskStruct t) {}",
        "}"));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    String routine = Fixtures.source(c, "test.Tl_Routine").orElseThrow();
    assertThat(routine).contains("new SubroutineInfo(\"predict\", StepKind.PER_TASK, \"predict\", ResourceSpec.DEFAULT)");
    assertThat(routine).contains("s.cv = config.getBoolean(\"mode.cv\");");
  }

  @Test
  void overridingWithTheSameNameReplacesKindAndResourcesInPlace() {
    Compilation c = compile(source("Train", TRAIN), source("Tl",
        "@Mode(id = \"tl\")",
        "class Tl extends Train {",
        "  @Subroutine(\"mine\") void mine() {}",
        "  @Override @Subroutine(\"train\") @PerTask @Resources(gpus = 2)",
        "  void train(TaskStruct t, int fold) {}",
        "}"));
    // The override's own @PerTask (not per fold) now applies: (TaskStruct, int) is the wrong signature for it.
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-203] @PerTask method train must take exactly one")
        .inFile(c.sourceFiles().get(c.sourceFiles().size() - 1)).onLineContaining("void train(TaskStruct t, int fold)");
    CompilationSubject.assertThat(c).hadErrorCount(1);

    Compilation ok = compile(source("Train", TRAIN), source("Tl",
        "@Mode(id = \"tl\")",
        "class Tl extends Train {",
        "  @Subroutine(\"mine\") void mine() {}",
        "  @Override @Subroutine(\"train\") @PerTask(perFold = true) @Resources(gpus = 2)",
        "  void train(TaskStruct t, int fold) {}",
        "}"));
    CompilationSubject.assertThat(ok).succeededWithoutWarnings();
    String routine = Fixtures.source(ok, "test.Tl_Routine").orElseThrow();
    assertThat(routine).contains(String.join("\n",
        "    return List.of(",
        "        new SubroutineInfo(\"train\", StepKind.PER_FOLD, \"train\", new ResourceSpec(2, 1, \"2G\", \"1:00:00\")),",
        "        new SubroutineInfo(\"predict\", StepKind.PER_TASK, \"predict\", ResourceSpec.DEFAULT),",
        "        new SubroutineInfo(\"mine\", StepKind.ONCE, \"mine\", ResourceSpec.DEFAULT));"));
  }

  // ---- MML-206 / MML-306 across the hierarchy ---------------------------------------------------

  @Test
  void mml206_overrideWithAnotherName() {
    JavaFileObject tl = source("Tl",
        "@Mode(id = \"tl\")",
        "class Tl extends Train {",
        "  @Override @Subroutine(\"retrain\") @PerTask(perFold = true) void train(TaskStruct t, int fold) {}",
        "}");
    Compilation c = assertOnlyError("MML-206", "@Subroutine(\"retrain\")", tl, source("Train", TRAIN), tl);
    CompilationSubject.assertThat(c).hadErrorContaining(
        "@Subroutine name 'retrain' on method train of test.Tl differs from 'train', the subroutine of the method it"
            + " overrides in test.Train");
  }

  @Test
  void mml206_newMethodClashesWithInheritedName() {
    JavaFileObject tl = source("Tl",
        "@Mode(id = \"tl\")",
        "class Tl extends Train {",
        "  @Subroutine(\"predict\") @PerTask void predictAgain(TaskStruct t) {}",
        "}");
    Compilation c = assertOnlyError("MML-206", "void predictAgain", tl, source("Train", TRAIN), tl);
    CompilationSubject.assertThat(c).hadErrorContaining(
        "@Subroutine name 'predict' on method predictAgain of test.Tl is already used by method predict of test.Train");
  }

  @Test
  void mml206_clashBetweenTwoInheritedClassesIsReportedOnTheMode() {
    JavaFileObject base = source("Base", "abstract class Base extends AbstractBaseScheduler {",
        "  @Subroutine(\"a\") void a() {}", "}");
    JavaFileObject middle = source("Middle", "abstract class Middle extends Base {",
        "  @Subroutine(\"a\") void b() {}", "}");
    JavaFileObject mode = source("X", "@Mode(id = \"x\")", "class X extends Middle {}");
    Compilation c = assertOnlyError("MML-206", "class X extends Middle", mode, base, middle, mode);
    CompilationSubject.assertThat(c).hadErrorContaining("on method b of test.Middle is already used by method a of test.Base");
  }

  @Test
  void mml306_keyUsedByASuperclass() {
    JavaFileObject tl = source("Tl",
        "@Mode(id = \"tl\")",
        "class Tl extends Train {",
        "  @Param(key = \"cv\") int folds;",
        "}");
    Compilation c = assertOnlyError("MML-306", "int folds", tl, source("Train", TRAIN), tl);
    CompilationSubject.assertThat(c).hadErrorContaining(
        "@Param key 'cv' of field folds in test.Tl is already used by field cv of test.Train");
  }

  // ---- access from the routine's package (MML-211, MML-309) -----------------------------------

  private static final JavaFileObject OTHER_PACKAGE_BASE = java("lib.Base",
      "package lib;",
      "import io.mml.annotations.Param;",
      "import io.mml.annotations.Subroutine;",
      "public abstract class Base extends io.mml.runtime.scheduler.AbstractBaseScheduler {",
      "  @Param protected int size;",
      "  @Param public int open;",
      "  @Subroutine(\"hidden\") void hidden() {}",
      "  @Subroutine(\"shown\") public void shown() {}",
      "}");

  @Test
  void mml211_and_mml309_inheritedMembersTheRoutineCannotReach() {
    JavaFileObject mode = source("X", "@Mode(id = \"x\")", "class X extends lib.Base {}");
    Compilation c = compile(OTHER_PACKAGE_BASE, mode);
    CompilationSubject.assertThat(c).hadErrorContaining(
        "[MML-211] @Subroutine method hidden inherited from lib.Base cannot be called from package test, where the"
            + " generated routine of test.X lives: it is package-private. Make it public or move the mode into package lib.")
        .inFile(mode).onLineContaining("class X extends lib.Base");
    CompilationSubject.assertThat(c).hadErrorContaining(
        "[MML-309] @Param field size inherited from lib.Base cannot be assigned from package test, where the"
            + " generated routine of test.X lives: it is protected. Make it public or move the mode into package lib.")
        .inFile(mode).onLineContaining("class X extends lib.Base");
    CompilationSubject.assertThat(c).hadErrorCount(2);
  }

  @Test
  void overridingAnInaccessibleStepPubliclyMakesItReachable() {
    JavaFileObject base = java("lib.Base",
        "package lib;",
        "import io.mml.annotations.Subroutine;",
        "public abstract class Base extends io.mml.runtime.scheduler.AbstractBaseScheduler {",
        "  @Subroutine(\"step\") protected void step() {}",
        "}");
    Compilation c = compile(base, source("X", "@Mode(id = \"x\")", "class X extends lib.Base {",
        "  @Override public void step() {}", "}"));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
  }

  // ---- one diagnostic per problem ---------------------------------------------------------------

  @Test
  void brokenModeSuperclassIsReportedOnceOnItself() {
    JavaFileObject train = source("Train",
        "@Mode(id = \"train\")",
        "class Train extends AbstractBaseScheduler {",
        "  @Param(defaultValue = \"abc\") int n;",
        "  @Subroutine(\"a\") private void a() {}",
        "  @Subroutine(\"b\") static void b() {}",
        "}");
    JavaFileObject tl = source("Tl", "@Mode(id = \"tl\")", "class Tl extends Train {",
        "  @Subroutine(\"c\") void c() {}", "}");
    Compilation c = compile(train, tl);
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-304]").inFile(train).onLineContaining("int n");
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-201]").inFile(train).onLineContaining("void a()");
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-202]").inFile(train).onLineContaining("void b()");
    CompilationSubject.assertThat(c).hadErrorCount(3);
  }

  @Test
  void brokenModeSuperclassGeneratesNothingForTheSubclass(@TempDir Path dir) {
    List<JavaFileObject> sources = new ArrayList<>(Fixtures.fakeRuntime());
    sources.add(source("Train", "@Mode(id = \"train\")", "class Train extends AbstractBaseScheduler {",
        "  @Subroutine(\"a\") private void a() {}", "}"));
    sources.add(source("Tl", "@Mode(id = \"tl\")", "class Tl extends Train {}"));
    sources.add(source("Other", "@Mode(id = \"other\")", "class Other extends AbstractBaseScheduler {",
        "  @Subroutine(\"a\") void a() {}", "}"));
    DiskCompiler.Result r = DiskCompiler.compile(dir.resolve("classes"), dir.resolve("gen"), sources, List.of());
    assertThat(r.errors()).isEqualTo(1);
    assertThat(dir.resolve("gen/test/Tl_Routine.java").toFile().exists()).isFalse();
    assertThat(dir.resolve("gen/test/Other_Routine.java").toFile().exists()).isTrue();
  }

  @Test
  void brokenAbstractBaseIsReportedOnTheModeNamingTheMember() {
    JavaFileObject base = source("Base",
        "abstract class Base extends AbstractBaseScheduler {",
        "  @Param final int n = 1;",
        "  @Subroutine(\"a\") @PerTask void a(int x) {}",
        "  @PerTask void b(TaskStruct t) {}",
        "}");
    JavaFileObject mode = source("X", "@Mode(id = \"x\")", "class X extends Base {}");
    Compilation c = compile(base, mode);
    CompilationSubject.assertThat(c).hadErrorContaining(
        "[MML-301] @Param field n (inherited from test.Base) must not be final").inFile(mode).onLineContaining("class X");
    CompilationSubject.assertThat(c).hadErrorContaining(
        "[MML-203] @PerTask method a (inherited from test.Base) must take exactly one parameter of type TaskStruct or"
            + " String; found (int). Change the signature to a(TaskStruct task).").inFile(mode).onLineContaining("class X");
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-208] @PerTask on method b (inherited from test.Base)")
        .inFile(mode).onLineContaining("class X");
    // Not MML-207/307 on the base: it is a base of modes.
    CompilationSubject.assertThat(c).hadErrorCount(3);
  }

  @Test
  void brokenAbstractBaseAboveAModeIsReportedOnlyOnThatMode() {
    JavaFileObject base = source("Base", "abstract class Base extends AbstractBaseScheduler {",
        "  @Subroutine(\"a\") static void a() {}", "}");
    JavaFileObject train = source("Train", "@Mode(id = \"train\")", "class Train extends Base {}");
    JavaFileObject tl = source("Tl", "@Mode(id = \"tl\")", "class Tl extends Train {}");
    Compilation c = compile(base, train, tl);
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-202] @Subroutine method a (inherited from test.Base)")
        .inFile(train).onLineContaining("class Train");
    CompilationSubject.assertThat(c).hadErrorCount(1);
  }

  @Test
  void concreteNonModeSchedulerWithStepsIsStillAnOrphanWithoutModeSubclass() {
    JavaFileObject src = source("X", "class X extends AbstractBaseScheduler {", "  @Subroutine(\"a\") void a() {}", "}");
    Compilation c = compile(src);
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-207]").inFile(src).onLineContaining("void a()");
    CompilationSubject.assertThat(c).hadErrorCount(1);

    // With a @Mode subclass in the compilation it is a base like any other.
    Compilation based = compile(src, source("Y", "@Mode(id = \"y\")", "class Y extends X {}"));
    CompilationSubject.assertThat(based).succeededWithoutWarnings();
  }

  // ---- superclasses from the class path ---------------------------------------------------------

  @Test
  void superclassesFromTheClassPath(@TempDir Path dir) throws Exception {
    // Compilation 1, "the library": a mode and an abstract base, compiled with the processor.
    List<JavaFileObject> lib = new ArrayList<>(Fixtures.fakeRuntime());
    lib.add(fixture("io.mml.samples.inherit.TrainingScheduler"));
    lib.add(fixture("io.mml.samples.inherit.AbstractStatsScheduler"));
    lib.add(OTHER_PACKAGE_BASE);
    lib.add(java("lib.Broken",
        "package lib;",
        "import io.mml.annotations.Param;",
        "import io.mml.annotations.Subroutine;",
        "public abstract class Broken extends io.mml.runtime.scheduler.AbstractBaseScheduler {",
        "  @Param(defaultValue = \"x\") public int n;",
        "  @Subroutine(\"s\") public static void s() {}",
        "}"));
    DiskCompiler.Result first = DiskCompiler.compile(dir.resolve("lib"), dir.resolve("lib-gen"), lib, List.of());
    assertThat(first.diagnostics()).isEmpty();
    assertThat(first.success()).isTrue();

    // Compilation 2, "the user": modes on those class files, in the library's package and in another one.
    List<File> classpath = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(e));
    }
    classpath.add(dir.resolve("lib").toFile());
    JavaFileObject tl = java("io.mml.samples.inherit.Tl",
        "package io.mml.samples.inherit;",
        "@io.mml.annotations.Mode(id = \"tl\")",
        "public class Tl extends TrainingScheduler {",
        "  @io.mml.annotations.Subroutine(\"extra\") void extra() {}",
        "}");
    JavaFileObject stats = java("com.user.Stats",
        "package com.user;",
        "@io.mml.annotations.Mode(id = \"stats\")",
        "public class Stats extends io.mml.samples.inherit.AbstractStatsScheduler {",
        "  @Override protected String label() { return \"x\"; }",
        "}");
    Compilation ok = javac().withProcessors(new MmlProcessor()).withClasspath(classpath).compile(tl, stats);
    CompilationSubject.assertThat(ok).succeededWithoutWarnings();
    String yaml = new String(Fixtures.resource(ok, "META-INF/mml/configs/mode/tl.yaml").orElseThrow(),
        StandardCharsets.UTF_8);
    assertThat(yaml).contains("  subroutines: [train, predict, summary, extra]\n"
        + "  # Cross-validation: train every fold, not only fold 0.\n  cv: false\n  # Epochs per fold.\n  epochs: 10\n");
    String routine = Fixtures.source(ok, "com.user.Stats_Routine").orElseThrow();
    assertThat(routine).contains("s.stats = config.getList(\"mode.stats\", String.class);");
    assertThat(routine).contains("case \"collect\":\n        s.collect(s.struct(step.task()));");

    // Members of class files have no position: reported on the mode, naming member and class.
    JavaFileObject far = java("com.user.Far",
        "package com.user;",
        "@io.mml.annotations.Mode(id = \"far\")",
        "public class Far extends lib.Base {}");
    JavaFileObject broken = java("com.user.OnBroken",
        "package com.user;",
        "@io.mml.annotations.Mode(id = \"on_broken\")",
        "public class OnBroken extends lib.Broken {}");
    Compilation bad = javac().withProcessors(new MmlProcessor()).withClasspath(classpath).compile(far, broken);
    CompilationSubject.assertThat(bad).hadErrorContaining("[MML-211] @Subroutine method hidden inherited from lib.Base")
        .inFile(far).onLineContaining("public class Far");
    CompilationSubject.assertThat(bad).hadErrorContaining("[MML-309] @Param field size inherited from lib.Base")
        .inFile(far).onLineContaining("public class Far");
    CompilationSubject.assertThat(bad).hadErrorContaining("[MML-304] @Param defaultValue \"x\" of n (inherited from lib.Broken)")
        .inFile(broken).onLineContaining("public class OnBroken");
    CompilationSubject.assertThat(bad).hadErrorContaining("[MML-202] @Subroutine method s (inherited from lib.Broken)")
        .inFile(broken).onLineContaining("public class OnBroken");
    CompilationSubject.assertThat(bad).hadErrorCount(4);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static Object call(Object target, String name) throws Exception {
    return target.getClass().getMethod(name).invoke(target);
  }

  private static Method method(Object target, String name) {
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(name) && !m.isBridge()) {
        return m;
      }
    }
    throw new AssertionError("no method " + name);
  }

  private static List<?> calls(Object scheduler) throws Exception {
    return (List<?>) scheduler.getClass().getField("calls").get(scheduler);
  }
}
