package io.mml.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What one step of a {@link Subroutine} needs when it runs as a cluster job. Ignored by the local
 * executor. Config ({@code executor.*}) may override these per subroutine.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Resources {
  /** GPUs per step. */
  int gpus() default 0;

  /** CPUs per step. */
  int cpus() default 1;

  /** Memory per step, in Slurm notation ({@code "4G"}, {@code "500M"}). */
  String memory() default "2G";

  /** Wall-time limit per step, in Slurm notation ({@code "30:00"}, {@code "1-00:00:00"}). */
  String time() default "1:00:00";
}
