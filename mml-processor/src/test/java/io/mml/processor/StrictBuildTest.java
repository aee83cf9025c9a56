package io.mml.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.mml.processor.Fixtures.compile;
import static io.mml.processor.Fixtures.fixture;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor in a strict user build ({@code -Xlint:all -Werror}, lint "processing" included): it
 * claims its own annotation types and {@code @Generated}, so javac's "No processor claimed any of
 * these annotations" never appears, and it claims nothing else.
 */
class StrictBuildTest {
  private static final Set<String> OWN = Set.of(
      "io.mml.annotations.Mode", "io.mml.annotations.Subroutine", "io.mml.annotations.PerTask",
      "io.mml.annotations.Param", "io.mml.annotations.Resources", "io.mml.annotations.ModalityDef",
      "io.mml.annotations.TaskTypeDef");

  /**
   * Under {@code -Xlint:all -Werror} the build of every annotation kind succeeds with no warning at
   * all: the processor claims its own types and the {@code @Generated} it writes on its sources.
   */
  @Test
  void everyAnnotationKindCompilesUnderAllLintsAsErrors() {
    Compilation c = compile(List.of("-Xlint:all", "-Werror"),
        fixture("io.mml.samples.BuzzScheduler"), fixture("io.mml.samples.EveryKindScheduler"),
        fixture("io.mml.samples.depth.Depth"), fixture("io.mml.samples.depth.DepthEstimation"),
        fixture("io.mml.samples.depth.DepthParts"));
    CompilationSubject.assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedSourceFile("io.mml.samples.BuzzScheduler_Routine")).isPresent();
  }

  @Test
  void supportsExactlyItsOwnAnnotationTypesAndGenerated() {
    Set<String> expected = new TreeSet<>(OWN);
    expected.add("javax.annotation.processing.Generated");
    assertThat(new MmlProcessor().getSupportedAnnotationTypes()).containsExactlyElementsIn(expected);
  }

  @Test
  void anUnrelatedAnnotationIsLeftToOtherProcessors() {
    JavaFileObject marker = JavaFileObjects.forSourceString("other.Marker", String.join("\n",
        "package other;",
        "public @interface Marker {}"));
    JavaFileObject scheduler = Fixtures.source("Marked",
        "@other.Marker",
        "@Mode(id = \"marked\")",
        "class Marked extends AbstractBaseScheduler {",
        "  @Subroutine(\"a\") void a() {}",
        "}");
    Recorder everything = new Recorder();
    List<JavaFileObject> all = new ArrayList<>(Fixtures.fakeRuntime());
    all.add(marker);
    all.add(scheduler);
    // The mml processor runs first; a processor for "*" after it sees only what it did not claim.
    Compilation c = javac().withProcessors(new MmlProcessor(), everything).compile(all);

    CompilationSubject.assertThat(c).succeeded();
    assertThat(everything.seen).contains("other.Marker");
    assertThat(everything.seen).containsNoneIn(OWN);
  }

  /** Supports every annotation type, claims none, and records the ones it was offered. */
  private static final class Recorder extends AbstractProcessor {
    final Set<String> seen = new TreeSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      annotations.forEach(a -> seen.add(a.getQualifiedName().toString()));
      return false;
    }
  }
}
