package io.mml.runtime.cli;

import io.mml.runtime.scheduler.AbstractBaseScheduler;

/** A scheduler that does nothing: the CLI tests only need its routine's descriptions. */
public class FakeScheduler extends AbstractBaseScheduler {}
