package io.mml.runtime.train;

/**
 * Sets each epoch's learning rate from the {@code lr_scheduler} schedule; an epoch resumed in the
 * middle keeps the rate it started with.
 */
final class LrScheduleListener implements TrainingListener {
  private final LrSchedule schedule;
  private final double baseLr;

  LrScheduleListener(LrSchedule schedule, double baseLr) {
    this.schedule = schedule;
    this.baseLr = baseLr;
  }

  @Override
  public void onEpochBegin(TrainingLoop loop) {
    int e = loop.epoch();
    double rate = loop.batch() > 0 ? loop.lr() : schedule.rate(e, e == 0 ? baseLr : loop.lr(), loop.badEpochs());
    loop.setLr(rate);
  }
}
