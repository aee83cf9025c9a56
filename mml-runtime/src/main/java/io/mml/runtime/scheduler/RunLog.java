package io.mml.runtime.scheduler;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Copies the log of a run into {@code <run>/run.log} while the run is active (when logback is the binding). */
final class RunLog implements AutoCloseable {
  static final String FILE = "run.log";

  private final FileAppender<ILoggingEvent> appender;

  private RunLog(FileAppender<ILoggingEvent> appender) {
    this.appender = appender;
  }

  static RunLog attach(Path runDir) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return new RunLog(null);
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> app = new FileAppender<>();
    app.setContext(context);
    app.setName("mml-run-" + runDir);
    app.setFile(runDir.resolve(FILE).toString());
    app.setAppend(true);
    app.setEncoder(encoder);
    app.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(app);
    return new RunLog(app);
  }

  @Override
  public void close() {
    if (appender != null) {
      LoggerContext context = (LoggerContext) appender.getContext();
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
      appender.stop();
    }
  }
}
