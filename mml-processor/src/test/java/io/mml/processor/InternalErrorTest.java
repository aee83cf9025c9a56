package io.mml.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static io.mml.processor.Fixtures.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * MML-902: a defect inside the processor (here injected: the javac {@link Filer} throws while a
 * routine is generated) is reported as one error on the class being processed, with the id, the
 * request to report it and the stack trace; javac ends normally with a failed compilation instead
 * of the "annotation processor threw an uncaught exception" crash.
 */
class InternalErrorTest {
  private static final String DEFECT = "injected defect in the file writer";

  @Test
  void mml902_anInternalErrorIsReportedNotThrown() {
    JavaFileObject src = source("X",
        "@Mode(id = \"x\")",
        "class X extends AbstractBaseScheduler {",
        "  @Subroutine(\"ok\") void ok() {}",
        "}");
    List<JavaFileObject> all = new ArrayList<>(Fixtures.fakeRuntime());
    all.add(src);
    // compile-testing rethrows what escapes a processor: returning at all shows nothing escaped.
    Compilation c = javac().withProcessors(new BrokenFiler(new MmlProcessor())).compile(all);

    assertEquals(Compilation.Status.FAILURE, c.status());
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[MML-902] mml-processor failed unexpectedly while processing test.X;"
        + " please report this with the stack trace:").inFile(src).onLineContaining("class X extends");
    String text = c.errors().get(0).getMessage(Locale.ROOT);
    assertTrue(text.contains("java.lang.IllegalStateException: " + DEFECT), text);
    assertTrue(text.contains("\tat io.mml.processor.MmlProcessor"), "the stack trace names the frame: " + text);
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      assertFalse(d.getMessage(Locale.ROOT).contains("threw an uncaught exception"), d.getMessage(Locale.ROOT));
    }
  }

  /** The processor, seen through a javac whose {@link Filer} cannot create files: a stand-in for any defect. */
  private static final class BrokenFiler implements Processor {
    private final Processor delegate;

    BrokenFiler(Processor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void init(ProcessingEnvironment env) {
      delegate.init(new ProcessingEnvironment() {
        @Override
        public Map<String, String> getOptions() {
          return env.getOptions();
        }

        @Override
        public Messager getMessager() {
          return env.getMessager();
        }

        @Override
        public Filer getFiler() {
          return new Filer() {
            @Override
            public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) {
              throw new IllegalStateException(DEFECT);
            }

            @Override
            public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) {
              throw new IllegalStateException(DEFECT);
            }

            @Override
            public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                CharSequence relativeName, Element... originatingElements) {
              throw new IllegalStateException(DEFECT);
            }

            @Override
            public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                CharSequence relativeName) throws java.io.IOException {
              return env.getFiler().getResource(location, moduleAndPkg, relativeName);
            }
          };
        }

        @Override
        public Elements getElementUtils() {
          return env.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
          return env.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
          return env.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
          return env.getLocale();
        }
      });
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
        ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }
}
