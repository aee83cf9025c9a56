package io.mml.runtime.report;

/**
 * The collapsible per-task blocks of a section: open when a section has few of them, closed
 * otherwise, so a report over 100 tasks stays short and the browser lays out only what is opened.
 */
final class Blocks {
  /** Up to this many blocks in a section start open. */
  static final int OPEN_UP_TO = 4;

  private Blocks() {}

  /** Opens a {@code <details>} block; close it with {@code out.close("details")}. */
  static void open(Html out, String summary, int blocksInSection, String dataTask) {
    out.open("details", "open", blocksInSection <= OPEN_UP_TO ? "open" : null, "data-task", dataTask)
        .el("summary", summary);
  }
}
