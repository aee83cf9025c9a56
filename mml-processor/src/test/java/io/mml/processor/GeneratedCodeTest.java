package io.mml.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.mml.processor.Fixtures.compile;
import static io.mml.processor.Fixtures.fixture;
import static io.mml.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated code: lint-clean, deterministic, and it behaves as planned when loaded and run. */
class GeneratedCodeTest {

  private static Compilation compileFixtures(List<String> options) {
    return compile(options, fixture("io.mml.samples.BuzzScheduler"), fixture("io.mml.samples.EveryKindScheduler"));
  }

  @Test
  void generatedCodeCompilesWithAllLintsAsErrors() {
    // -processing: javac's lint warns that no processor claimed the @Generated of the generated
    // sources (see StrictBuildTest); the second pass below applies every lint to the output.
    Compilation first = compileFixtures(List.of("-Xlint:all,-processing", "-Werror"));
    CompilationSubject.assertThat(first).succeededWithoutWarnings();
    // And once more without the processor, so the generated sources alone face the same lints.
    List<JavaFileObject> sources = new ArrayList<>(Fixtures.fakeRuntime());
    sources.add(fixture("io.mml.samples.BuzzScheduler"));
    sources.add(fixture("io.mml.samples.EveryKindScheduler"));
    sources.addAll(first.generatedSourceFiles());
    Compilation second = javac().withOptions("-Xlint:all", "-Werror", "-proc:none").compile(sources);
    CompilationSubject.assertThat(second).succeededWithoutWarnings();
  }

  @Test
  void twoCompilationsGiveByteIdenticalOutputs() {
    Map<String, byte[]> a = outputs(compileFixtures(List.of()));
    Map<String, byte[]> b = outputs(compileFixtures(List.of()));
    assertThat(a.keySet()).isEqualTo(b.keySet());
    assertThat(a.keySet()).contains("/SOURCE_OUTPUT/io/mml/samples/BuzzScheduler_Routine.java");
    for (String k : a.keySet()) {
      assertThat(new String(b.get(k), StandardCharsets.ISO_8859_1)).isEqualTo(new String(a.get(k), StandardCharsets.ISO_8859_1));
    }
  }

  private static Map<String, byte[]> outputs(Compilation c) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        out.put(f.toUri().getPath(), Fixtures.bytes(f));
      }
    }
    return out;
  }

  @Test
  void servicesListsAllRoutinesSortedAndMainCanBeRenamedOrDisabled() {
    Compilation c = compile(List.of("-Amml.main=com.acme.Main"),
        source("Zed", "@Mode(id = \"zed\") class Zed extends AbstractBaseScheduler {", "  @Subroutine(\"a\") void a() {}", "}"),
        source("Alpha", "class Alpha {", "  @Mode(id = \"alpha\") static class Nested extends AbstractBaseScheduler {",
            "    @Subroutine(\"a\") void a() {}", "  }", "}"));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    String services = new String(Fixtures.resource(c, "META-INF/services/io.mml.runtime.scheduler.Routine").orElseThrow(),
        StandardCharsets.UTF_8);
    assertThat(services).isEqualTo("test.Alpha_Nested_Routine\ntest.Zed_Routine\n");
    CompilationSubject.assertThat(c).generatedSourceFile("com.acme.Main");

    Compilation none = compile(List.of("-Amml.main=none"), fixture("io.mml.samples.BuzzScheduler"));
    CompilationSubject.assertThat(none).succeededWithoutWarnings();
    assertThat(none.generatedSourceFiles().stream().map(JavaFileObject::getName).filter(n -> n.contains("MmlMain")).toList())
        .isEmpty();
  }

  @Test
  void noModesNoRegistryAndNoMain() {
    Compilation c = compile(source("Plain", "class Plain {}"));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedFiles().stream().filter(f -> f.getKind() != JavaFileObject.Kind.CLASS).toList()).isEmpty();
  }

  @Test
  void verbosePrintsNotes() {
    Compilation c = compile(List.of("-Amml.verbose=true"), fixture("io.mml.samples.BuzzScheduler"));
    CompilationSubject.assertThat(c).succeeded();
    CompilationSubject.assertThat(c).hadNoteContaining("generated io.mml.samples.BuzzScheduler_Routine");
    CompilationSubject.assertThat(c).hadNoteContaining("wrote META-INF/mml/configs/mode/buzz.yaml");
    CompilationSubject.assertThat(c).hadNoteContaining("wrote META-INF/services/io.mml.runtime.scheduler.Routine");
  }

  @Test
  void severalProblemsInOneClassAllReportedAndTheCleanClassStillGenerates(@TempDir Path dir) throws Exception {
    JavaFileObject bad = source("Bad",
        "@Mode(id = \"Bad\")",
        "abstract class Bad extends AbstractBaseScheduler {",
        "  @Param(defaultValue = \"abc\") int n;",
        "  @Subroutine(\"a\") @PerTask void stepA(int a, int b) {}",
        "  @Subroutine(\"a\") private void again() {}",
        "}");
    JavaFileObject good = source("Good", "@Mode(id = \"good\") class Good extends AbstractBaseScheduler {",
        "  @Subroutine(\"a\") void a() {}", "}");
    Compilation c = compile(bad, good);
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-101]").inFile(bad).onLineContaining("abstract class Bad");
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-105]").inFile(bad).onLineContaining("@Mode(id = \"Bad\")");
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-304]").inFile(bad).onLineContaining("int n");
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-203]").inFile(bad).onLineContaining("stepA(int a, int b)");
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-206]").inFile(bad).onLineContaining("void again()");
    CompilationSubject.assertThat(c).hadErrorContaining("[MML-201]").inFile(bad).onLineContaining("void again()");
    CompilationSubject.assertThat(c).hadErrorCount(6);

    // compile-testing hides outputs of a failed compilation: compile to disk to see what was written.
    List<JavaFileObject> sources = new ArrayList<>(Fixtures.fakeRuntime());
    sources.add(bad);
    sources.add(good);
    DiskCompiler.Result r = DiskCompiler.compile(dir.resolve("classes"), dir.resolve("gen"), sources, List.of());
    assertThat(r.errors()).isEqualTo(6);
    assertThat(Files.exists(dir.resolve("gen/test/Good_Routine.java"))).isTrue();
    assertThat(Files.exists(dir.resolve("gen/test/Bad_Routine.java"))).isFalse();
    assertThat(Files.exists(dir.resolve("classes/META-INF/mml/configs/mode/good.yaml"))).isTrue();
    assertThat(Files.readString(dir.resolve("classes/META-INF/services/io.mml.runtime.scheduler.Routine")))
        .isEqualTo("test.Good_Routine\n");
  }

  @Test
  void compilingTwiceWithoutCleanWorksAndKeepsTheRegistry(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes");
    Path gen = dir.resolve("gen");
    Path services = classes.resolve("META-INF/services/io.mml.runtime.scheduler.Routine");
    List<JavaFileObject> sources = new ArrayList<>(Fixtures.fakeRuntime());
    sources.add(fixture("io.mml.samples.BuzzScheduler"));
    DiskCompiler.Result first = DiskCompiler.compile(classes, gen, sources, List.of());
    assertThat(first.diagnostics()).isEmpty();
    assertThat(first.success()).isTrue();
    byte[] yaml = Files.readAllBytes(classes.resolve("META-INF/mml/configs/mode/buzz.yaml"));

    DiskCompiler.Result second = DiskCompiler.compile(classes, gen, sources, List.of());
    assertThat(second.diagnostics()).isEmpty();
    assertThat(second.success()).isTrue();
    assertThat(Files.readAllBytes(classes.resolve("META-INF/mml/configs/mode/buzz.yaml"))).isEqualTo(yaml);
    assertThat(Files.readString(services)).isEqualTo("io.mml.samples.BuzzScheduler_Routine\n");

    // Stale generated sources passed in again as inputs (MCOMPILER-540): a warning, not a failure.
    List<JavaFileObject> withGenerated = new ArrayList<>(sources);
    try (var files = Files.walk(gen)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        withGenerated.add(com.google.testing.compile.JavaFileObjects.forSourceString(
            gen.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", ""), Files.readString(p)));
      }
    }
    DiskCompiler.Result third = DiskCompiler.compile(classes, gen, withGenerated, List.of());
    assertThat(third.success()).isTrue();
    assertThat(third.diagnostics().toString()).contains("[MML-904]");

    // A later compilation without modes leaves the registry alone; one with another mode adds to it.
    DiskCompiler.Result plain = DiskCompiler.compile(classes, gen,
        List.of(source("Plain", "class Plain {}")), List.of());
    assertThat(plain.success()).isTrue();
    assertThat(Files.readString(services)).isEqualTo("io.mml.samples.BuzzScheduler_Routine\n");
    DiskCompiler.Result other = DiskCompiler.compile(classes, gen, List.of(source("Zed",
        "@Mode(id = \"zed\") class Zed extends AbstractBaseScheduler {", "  @Subroutine(\"a\") void a() {}", "}"),
        JavaFileObjects.forSourceString("io.mml.samples.Unused", "package io.mml.samples; class Unused {}")),
        List.of("-Amml.main=none"));
    assertThat(other.diagnostics()).isEmpty();
    assertThat(Files.readString(services)).isEqualTo("io.mml.samples.BuzzScheduler_Routine\ntest.Zed_Routine\n");
  }

  // ---- behaviour ------------------------------------------------------------------------------

  @Test
  void loadedRoutinePlansBindsAndRuns() throws Exception {
    Compilation c = compileFixtures(List.of());
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = new CompiledClassLoader(c);

    Object routine = loader.loadClass("io.mml.samples.EveryKindScheduler_Routine").getConstructor().newInstance();
    assertThat(call(routine, "modeId")).isEqualTo("every_kind");
    assertThat(call(routine, "description")).isEqualTo("Every \"kind\" of step and parameter.");
    Object scheduler = call(routine, "newScheduler");
    assertThat(scheduler.getClass().getName()).isEqualTo("io.mml.samples.EveryKindScheduler");
    assertThat(call(routine, "schedulerType")).isSameInstanceAs(scheduler.getClass());

    List<?> subs = (List<?>) call(routine, "subroutines");
    assertThat(subs.stream().map(Object::toString).toList()).containsExactly(
        "SubroutineInfo[name=prep_each, kind=PER_TASK, method=prepEach, resources=ResourceSpec[gpus=1, cpus=4, memory=16G, time=4:00:00]]",
        "SubroutineInfo[name=by_name, kind=PER_TASK, method=byName, resources=ResourceSpec[gpus=0, cpus=1, memory=2G, time=1:00:00]]",
        "SubroutineInfo[name=pivot_only, kind=PIVOT, method=pivotOnly, resources=ResourceSpec[gpus=0, cpus=1, memory=2G, time=1:00:00]]",
        "SubroutineInfo[name=train, kind=PER_FOLD, method=train, resources=ResourceSpec[gpus=2, cpus=1, memory=2G, time=1-00:00:00]]",
        "SubroutineInfo[name=pivot_folds, kind=PIVOT_PER_FOLD, method=pivotFolds, resources=ResourceSpec[gpus=0, cpus=1, memory=2G, time=1:00:00]]",
        "SubroutineInfo[name=summary, kind=ONCE, method=summary, resources=ResourceSpec[gpus=0, cpus=1, memory=500M, time=30:00]]")
        .inOrder();
    List<?> params = (List<?>) call(routine, "params");
    assertThat(params.get(0).toString()).isEqualTo("ParamInfo[key=count, type=long, defaultValue=7, doc=]");
    assertThat(params.get(4).toString()).isEqualTo("ParamInfo[key=boxed_limit, type=Integer, defaultValue=12, doc=]");

    Map<String, Object> values = new HashMap<>();
    values.put("mode.count", 3);
    values.put("mode.lr", 0.1);
    values.put("mode.eps", 0.5);
    values.put("mode.enabled", false);
    values.put("mode.boxed_limit", 9);
    values.put("mode.maybe_long", null);
    values.put("mode.answer", "no");
    values.put("mode.greeting", "hi");
    values.put("mode.nothing", null);
    values.put("mode.input", "/tmp/x");
    values.put("mode.metric", "accuracy");
    values.put("mode.names", List.of("p", "q"));
    values.put("mode.sizes", List.of(1, 2));
    values.put("mode.weights", null);
    values.put("mode.flags", List.of(true));
    values.put("mode.bigs", List.of(5L));
    values.put("mode.tri", true);
    values.put("mode.ratio", 1.5);
    values.put("mode.half", 0.25f);
    values.put("mode.zero", 0);
    Object config = loader.loadClass("io.mml.runtime.config.Config").getConstructor(Map.class).newInstance(values);
    Method bind = method(routine, "bind");
    bind.invoke(routine, scheduler, config);
    assertThat(field(scheduler, "count")).isEqualTo(3L);
    assertThat(field(scheduler, "eps")).isEqualTo(0.5f);
    assertThat(field(scheduler, "limit")).isEqualTo(9);
    assertThat(field(scheduler, "metric").toString()).isEqualTo("ACCURACY");
    assertThat(field(scheduler, "names")).isEqualTo(List.of("p", "q"));
    assertThat(field(scheduler, "input").toString()).isEqualTo("/tmp/x");

    Object ctx = loader.loadClass("io.mml.runtime.scheduler.SimplePlanContext")
        .getConstructor(List.class, Optional.class, Set.class, Map.class)
        .newInstance(List.of("t1", "t2"), Optional.of("t2"),
            Set.of("prep_each", "by_name", "pivot_only", "train", "pivot_folds", "summary"),
            Map.of("t1", List.of(0, 1), "t2", List.of(0)));
    List<?> steps = (List<?>) method(routine, "plan").invoke(routine, scheduler, ctx);
    List<String> ids = new ArrayList<>();
    for (Object s : steps) {
      ids.add((String) s.getClass().getMethod("id").invoke(s));
    }
    assertThat(ids).containsExactly(
        "prep_each[task=t1]", "prep_each[task=t2]",
        "by_name[task=t1]", "by_name[task=t2]",
        "pivot_only[task=t2]",
        "train[task=t1,fold=0]", "train[task=t1,fold=1]", "train[task=t2,fold=0]",
        "pivot_folds[task=t2,fold=0]",
        "summary").inOrder();

    Method run = method(routine, "run");
    for (Object s : steps) {
      run.invoke(routine, scheduler, s);
    }
    assertThat(field(scheduler, "calls")).isEqualTo(List.of(
        "prep_each:t1", "prep_each:t2", "by_name:t1", "by_name:t2", "pivot_only:t2",
        "train:t1:0", "train:t1:1", "train:t2:0", "pivot_folds:t2:0",
        "summary:3:ACCURACY:[p, q]:/tmp/x:9:null"));

    // Only selected subroutines are planned; no pivot means no pivot steps.
    Object partial = loader.loadClass("io.mml.runtime.scheduler.SimplePlanContext")
        .getConstructor(List.class, Optional.class, Set.class, Map.class)
        .newInstance(List.of("t1"), Optional.empty(), Set.of("pivot_only", "summary"), Map.of());
    List<?> few = (List<?>) method(routine, "plan").invoke(routine, scheduler, partial);
    assertThat(few.stream().map(Object::toString).toList()).containsExactly("Step[subroutine=summary, task=null, fold=-1]");

    // An unknown subroutine fails naming the mode.
    Object bogus = loader.loadClass("io.mml.runtime.scheduler.Step").getMethod("once", String.class).invoke(null, "nope");
    Throwable t = org.junit.jupiter.api.Assertions.assertThrows(java.lang.reflect.InvocationTargetException.class,
        () -> run.invoke(routine, scheduler, bogus)).getCause();
    assertThat(t).hasMessageThat().isEqualTo("Mode 'every_kind' has no subroutine 'nope'");
  }

  @Test
  void sampleRoutineRunsPerTaskWithBoundParam() throws Exception {
    Compilation c = compileFixtures(List.of());
    ClassLoader loader = new CompiledClassLoader(c);
    Object routine = loader.loadClass("io.mml.samples.BuzzScheduler_Routine").getConstructor().newInstance();
    Object scheduler = call(routine, "newScheduler");
    Object config = loader.loadClass("io.mml.runtime.config.Config").getConstructor(Map.class)
        .newInstance(Map.of("mode.var_one", 7));
    method(routine, "bind").invoke(routine, scheduler, config);
    Object ctx = loader.loadClass("io.mml.runtime.scheduler.SimplePlanContext")
        .getConstructor(List.class, Optional.class, Set.class, Map.class)
        .newInstance(List.of("demo_a", "demo_b"), Optional.empty(), Set.of("a", "b"), Map.of());
    List<?> steps = (List<?>) method(routine, "plan").invoke(routine, scheduler, ctx);
    for (Object s : steps) {
      method(routine, "run").invoke(routine, scheduler, s);
    }
    assertThat(field(scheduler, "calls")).isEqualTo(List.of("a:demo_a:7", "a:demo_b:7", "b"));
    Object main = loader.loadClass("io.mml.samples.MmlMain");
    assertThat(main).isNotNull();
  }

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

  private static Object field(Object target, String name) throws Exception {
    Field f = null;
    for (Class<?> k = target.getClass(); f == null && k != null; k = k.getSuperclass()) {
      try {
        f = k.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // try the superclass
      }
    }
    if (f == null) {
      throw new AssertionError("no field " + name);
    }
    f.setAccessible(true);
    return f.get(target);
  }

  /** Defines the classes of an in-memory compilation. */
  static final class CompiledClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClassLoader(Compilation c) {
      super(GeneratedCodeTest.class.getClassLoader());
      for (JavaFileObject f : c.generatedFiles()) {
        if (f.getKind() == JavaFileObject.Kind.CLASS) {
          String path = f.toUri().getPath();
          String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
              path.length() - ".class".length()).replace('/', '.');
          classes.put(name, Fixtures.bytes(f));
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = classes.get(name);
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }
  }
}
