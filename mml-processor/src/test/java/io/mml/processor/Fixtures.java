package io.mml.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Compiles test sources against the fake runtime with the processor. */
final class Fixtures {
  static final List<String> FAKE_RUNTIME = List.of(
      "io/mml/runtime/scheduler/Routine.java",
      "io/mml/runtime/scheduler/Step.java",
      "io/mml/runtime/scheduler/StepKind.java",
      "io/mml/runtime/scheduler/SubroutineInfo.java",
      "io/mml/runtime/scheduler/ResourceSpec.java",
      "io/mml/runtime/scheduler/ParamInfo.java",
      "io/mml/runtime/scheduler/PlanContext.java",
      "io/mml/runtime/scheduler/SimplePlanContext.java",
      "io/mml/runtime/scheduler/AbstractBaseScheduler.java",
      "io/mml/runtime/tasks/TaskStruct.java",
      "io/mml/runtime/config/Config.java",
      "io/mml/runtime/cli/Cli.java",
      "io/mml/runtime/modality/Modality.java",
      "io/mml/runtime/modality/ModalityLoader.java",
      "io/mml/runtime/modality/ModalityVerifier.java",
      "io/mml/runtime/modality/ModalityProvider.java",
      "io/mml/runtime/tasktype/TaskHead.java",
      "io/mml/runtime/tasktype/TaskLoss.java",
      "io/mml/runtime/tasktype/TaskMetric.java",
      "io/mml/runtime/tasktype/TaskType.java",
      "io/mml/runtime/tasktype/TaskTypeProvider.java",
      "io/mml/registry/modality/Modality_image.java",
      "io/mml/registry/modality/Modality_class.java");

  static final String HEADER = String.join("\n",
      "package test;",
      "import io.mml.annotations.Mode;",
      "import io.mml.annotations.Param;",
      "import io.mml.annotations.PerTask;",
      "import io.mml.annotations.Resources;",
      "import io.mml.annotations.Subroutine;",
      "import io.mml.runtime.scheduler.AbstractBaseScheduler;",
      "import io.mml.runtime.tasks.TaskStruct;",
      "import java.util.List;",
      "");

  private Fixtures() {}

  static List<JavaFileObject> fakeRuntime() {
    List<JavaFileObject> out = new ArrayList<>();
    for (String path : FAKE_RUNTIME) {
      out.add(JavaFileObjects.forResource("fake-runtime/" + path));
    }
    return out;
  }

  static JavaFileObject fixture(String qualifiedName) {
    return JavaFileObjects.forResource("fixtures/" + qualifiedName.replace('.', '/') + ".java");
  }

  /** A source in package {@code test} with the usual imports; lines are joined by newlines. */
  static JavaFileObject source(String simpleName, String... lines) {
    return JavaFileObjects.forSourceString("test." + simpleName, HEADER + String.join("\n", lines) + "\n");
  }

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<JavaFileObject> all = new ArrayList<>(fakeRuntime());
    all.addAll(Arrays.asList(sources));
    return javac().withProcessors(new MmlProcessor()).withOptions(options).compile(all);
  }

  /** The bytes of a generated resource in the class output. */
  static Optional<byte[]> resource(Compilation c, String path) {
    return c.generatedFile(StandardLocation.CLASS_OUTPUT, path).map(Fixtures::bytes);
  }

  /** The text of a generated source. */
  static Optional<String> source(Compilation c, String qualifiedName) {
    return c.generatedSourceFile(qualifiedName).map(f -> new String(bytes(f), java.nio.charset.StandardCharsets.UTF_8));
  }

  static byte[] bytes(JavaFileObject f) {
    try (InputStream in = f.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
