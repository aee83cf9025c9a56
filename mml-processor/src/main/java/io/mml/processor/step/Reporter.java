package io.mml.processor.step;

import io.mml.processor.validate.Message;
import io.mml.processor.validate.Problem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Prints diagnostics through javac's {@link Messager}, each at the most precise position known. */
public final class Reporter {
  private final Messager messager;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Prints a validation problem on its element, annotation mirror and value (as far as known). */
  void print(Problem p) {
    if (p.value() != null) {
      messager.printMessage(p.kind(), p.text(), p.element(), p.mirror(), p.value());
    } else if (p.mirror() != null) {
      messager.printMessage(p.kind(), p.text(), p.element(), p.mirror());
    } else {
      messager.printMessage(p.kind(), p.text(), p.element());
    }
  }

  void printAll(List<Problem> problems) {
    problems.forEach(this::print);
  }

  /** Prints a message on the element, or without a position when there is none. */
  void print(Diagnostic.Kind kind, String text, Element e) {
    if (e != null) {
      messager.printMessage(kind, text, e);
    } else {
      messager.printMessage(kind, text);
    }
  }

  /** MML-902: a defect of the processor, on the element being processed (or the round), with its stack trace. */
  public void internalError(Element current, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String text = Message.INTERNAL_ERROR.format(current == null ? "this round" : current.toString(), trace);
    print(Diagnostic.Kind.ERROR, text, current);
  }
}
