package io.mml.runtime.scheduler;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.mml.runtime.run.RunFolder;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Copies the log of a run into {@code <run>/run.log} while the run is active (when logback is the
 * binding). Only events of this run's thread (marked with the MDC key {@value #MDC_KEY}) go there,
 * so concurrent runs in one JVM keep separate logs.
 */
final class RunLog implements AutoCloseable {
  static final String FILE = RunFolder.LOG;
  static final String MDC_KEY = "mml.run";

  private final FileAppender<ILoggingEvent> appender;

  private RunLog(FileAppender<ILoggingEvent> appender) {
    this.appender = appender;
  }

  static RunLog attach(Path runDir) {
    String runKey = runDir.toString();
    MDC.put(MDC_KEY, runKey);
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
    Filter<ILoggingEvent> onlyThisRun = new Filter<>() {
      @Override
      public FilterReply decide(ILoggingEvent event) {
        return runKey.equals(event.getMDCPropertyMap().get(MDC_KEY)) ? FilterReply.NEUTRAL : FilterReply.DENY;
      }
    };
    onlyThisRun.setContext(context);
    onlyThisRun.start();
    app.addFilter(onlyThisRun);
    app.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(app);
    return new RunLog(app);
  }

  @Override
  public void close() {
    MDC.remove(MDC_KEY);
    if (appender != null) {
      LoggerContext context = (LoggerContext) appender.getContext();
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
      appender.stop();
    }
  }
}
