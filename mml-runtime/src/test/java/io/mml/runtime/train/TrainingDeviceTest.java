package io.mml.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.mml.runtime.config.ConfigException;
import org.junit.jupiter.api.Test;

/** trainer.device: selection and CPU fallback with stand-ins for the GPU count (no GPU here). */
class TrainingDeviceTest {
  @Test
  void autoTakesTheFirstGpuWhenThereIsOneElseTheCpu() {
    assertEquals(Device.gpu(0), TrainingDevice.choose("auto", () -> 2).device());
    TrainingDevice cpu = TrainingDevice.choose("auto", () -> 0);
    assertEquals(Device.cpu(), cpu.device());
    assertTrue(cpu.reason().contains("no CUDA GPU"), cpu.reason());
    TrainingDevice cpuBuild = TrainingDevice.choose("auto", () -> -1);
    assertEquals(Device.cpu(), cpuBuild.device());
    assertTrue(cpuBuild.reason().contains("CPU build of libtorch"), cpuBuild.reason());
  }

  @Test
  void explicitChoices() {
    assertEquals(Device.cpu(), TrainingDevice.choose("cpu", () -> 4).device());
    assertEquals(Device.gpu(0), TrainingDevice.choose("gpu", () -> 1).device());
    assertEquals(Device.gpu(1), TrainingDevice.choose("gpu:1", () -> 2).device());
    assertEquals(Device.gpu(1), TrainingDevice.choose("GPU:1", () -> 2).device());
  }

  @Test
  void aGpuThatIsNotThereIsAnErrorNamingTheKeyAndTheFix() {
    ConfigException e = assertThrows(ConfigException.class, () -> TrainingDevice.choose("gpu", () -> -1));
    assertTrue(e.getMessage().contains("trainer.device") && e.getMessage().contains("CPU build of libtorch")
        && e.getMessage().contains("trainer.device=auto"), e.getMessage());
    ConfigException e2 = assertThrows(ConfigException.class, () -> TrainingDevice.choose("gpu:2", () -> 2));
    assertTrue(e2.getMessage().contains("gpu:0..gpu:1"), e2.getMessage());
  }

  @Test
  void anUnknownValueIsAnError() {
    ConfigException e = assertThrows(ConfigException.class, () -> TrainingDevice.choose("tpu", () -> 0));
    assertTrue(e.getMessage().contains("auto, cpu, gpu or gpu:N"), e.getMessage());
  }

  @Test
  void theCpuBuildHereTrainsOnTheCpu() {
    assertEquals(Device.cpu(), TrainingDevice.choose("auto").device());
  }

  @Test
  void dataLoadingLeavesTheEngineItsCores() {
    assertEquals(0, FoldTrainer.dataWorkers(Device.cpu(), 2, 2));
    assertEquals(1, FoldTrainer.dataWorkers(Device.cpu(), 1, 2));
    assertEquals(Integer.MAX_VALUE, FoldTrainer.dataWorkers(Device.gpu(0), 2, 2));
  }
}
