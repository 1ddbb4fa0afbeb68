package org.irgeval.scoring.djl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.irgeval.api.ComputeDevice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** device=gpu is refused before any model loads, with what is missing and how to get it. */
class DjlDevicesTest {
  private static DjlDevices.Probe probe(List<String> flavors, int gpus) {
    return new DjlDevices.Probe() {
      @Override
      public List<String> nativeFlavors() {
        return flavors;
      }

      @Override
      public int gpus() {
        return gpus;
      }
    };
  }

  @Test
  void cpuNeedsNothing() {
    assertDoesNotThrow(() -> DjlDevices.require(ComputeDevice.CPU, probe(List.of(), 0)));
  }

  @Test
  void gpuWithOnlyTheCpuNativeIsRefusedSayingHowToGetTheCudaOne() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> DjlDevices.require(ComputeDevice.GPU, probe(List.of("cpu"), 8)));
    assertTrue(e.getMessage().contains("found: cpu") && e.getMessage().contains("IRG_EVAL_DJL_CUDA=download")
        && e.getMessage().contains("PYTORCH_LIBRARY_PATH") && e.getMessage().contains("docs/djl-gpu.md"),
        e.getMessage());
  }

  @Test
  void gpuWithTheCudaNativeButNoVisibleGpuIsRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> DjlDevices.require(ComputeDevice.GPU, probe(List.of("cpu", "cu128"), 0)));
    assertTrue(e.getMessage().contains("no CUDA GPU is visible"), e.getMessage());
    assertDoesNotThrow(() -> DjlDevices.require(ComputeDevice.GPU, probe(List.of("cu128"), 1)));
  }

  /** This machine as it is: the project ships DJL's CPU build only, so gpu is refused by name (CPU machines). */
  @Test
  void thisMachinesBuildRefusesGpuWithTheMessage() {
    Assumptions.assumeTrue(DjlDevices.SYSTEM.nativeFlavors().stream().noneMatch(f -> f.startsWith("cu")),
        "a CUDA native is configured here");
    var e = assertThrows(IllegalArgumentException.class, () -> TorchScriptFile.djl(ComputeDevice.GPU));
    assertTrue(e.getMessage().startsWith("--scorer-opt device=gpu: DJL's PyTorch engine has no CUDA native library"),
        e.getMessage());
  }
}
