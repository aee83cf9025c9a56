package io.mml.runtime.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lays out one self-contained report page: inline style and script (no network), a navigation bar,
 * then each section that has something to show. A section that throws is replaced by a note naming
 * the error, so one unreadable file never costs the whole report.
 */
final class ReportPage {
  private static final Logger LOG = LoggerFactory.getLogger(ReportPage.class);
  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");
  /** Captures script errors into the page before anything else runs (the browser test reads them). */
  private static final String ERROR_CAPTURE = resource("errors.js");

  private ReportPage() {}

  /** Renders the page of {@code data} with its {@code sections}. */
  static <T> String render(String title, String subtitle, List<? extends Section<T>> sections, T data) {
    List<String[]> nav = new ArrayList<>();
    Html body = new Html(1 << 16);
    for (Section<T> s : sections) {
      Html part = new Html();
      boolean shown;
      try {
        shown = s.render(data, part);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Report section '{}' could not be rendered: {}", s.id(), String.valueOf(e));
        LOG.debug("Report section failure", e);
        part = new Html().el("p", "This section could not be rendered: " + e, "class", "section-error");
        shown = true;
      }
      if (shown) {
        nav.add(new String[] {s.id(), s.title()});
        body.open("section", "id", s.id()).el("h2", s.title()).append(part).close("section");
      }
    }
    Html page = new Html(body.length() + CSS.length() + JS.length() + 4096);
    page.raw("<!DOCTYPE html>\n").open("html", "lang", "en").open("head").raw("<meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .el("title", title).open("style").raw(CSS).close("style")
        .open("script").raw(ERROR_CAPTURE).close("script").close("head");
    page.open("body").open("header").el("h1", title).el("p", subtitle, "class", "subtitle").open("nav");
    for (String[] n : nav) {
      page.el("a", n[1], "href", "#" + n[0]);
    }
    page.close("nav").close("header").open("main").append(body).close("main");
    page.open("footer").el("p", "", "id", "report-status")
        .el("pre", "", "id", "report-errors", "hidden", "hidden").close("footer");
    page.open("script").raw(JS).close("script").close("body").close("html");
    return page.toString();
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The report's resource " + name + " is missing from the class path"
            + " (io/mml/runtime/report/); the mml-runtime jar is incomplete: rebuild it.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
