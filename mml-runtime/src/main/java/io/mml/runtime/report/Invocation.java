package io.mml.runtime.report;

import java.time.Instant;

/**
 * One command that worked on a run: the first one, then one per {@code continue=}.
 *
 * @param number 1 for the first command
 * @param start when its prepare step started
 * @param ran steps it started (prepare included)
 * @param skipped steps it skipped because an earlier invocation had finished them
 * @param failed steps that failed in it
 */
public record Invocation(int number, Instant start, int ran, int skipped, int failed) {}
