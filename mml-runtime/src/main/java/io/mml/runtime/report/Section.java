package io.mml.runtime.report;

import java.io.IOException;

/**
 * One section of a report page: an anchor, a title and a body rendered from the report's data.
 * Implement {@link RunSection} or {@link ProjectSection} and register the class in
 * {@code META-INF/services/} under that interface's name to add a section without touching the rest.
 *
 * @param <T> the data the section renders ({@link RunData}, {@link ProjectData})
 */
public interface Section<T> {
  /** The anchor of the section ({@code [a-z][a-z0-9-]*}, unique in a page). */
  String id();

  /** The heading. */
  String title();

  /** Where the section goes: lower first (built-in sections use multiples of 100). */
  default int order() {
    return 1000;
  }

  /**
   * Writes the section's body (everything below its heading) into {@code out}.
   *
   * @return false when the data has nothing for this section (it is then left out of the page)
   */
  boolean render(T data, Html out) throws IOException;
}
