package io.mml.processor.write;

/**
 * The text of one file a writer produced; the processor decides where and how it is created.
 *
 * @param name a qualified class name for sources, a relative path for resources
 * @param content the full text
 */
public record GeneratedFile(String name, String content) {}
