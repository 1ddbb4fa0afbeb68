package org.irgeval.scoring.djl;

import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.irgeval.api.ComputeDevice;

/**
 * Whether the shared {@code device} option can be honoured before any model is loaded. DJL's PyTorch engine loads
 * the native library it finds on the class path ({@code native/lib/pytorch.properties} of a
 * {@code ai.djl.pytorch:pytorch-native-*} jar; its {@code flavor} is {@code cpu} or a CUDA build such as
 * {@code cu128}), unless {@code PYTORCH_LIBRARY_PATH} names a libtorch folder or {@code PYTORCH_FLAVOR} asks for
 * another build, which DJL then downloads when not offline (its LibUtils reads those variables). This project
 * ships the CPU build; DJL 0.35.1's CUDA build is not on Maven Central, so the switch is
 * {@code IRG_EVAL_DJL_CUDA=download} (the launcher lets DJL download its cu128 build once) or a local libtorch
 * (docs/djl-gpu.md). Asked for
 * {@code gpu} without a CUDA native or without a visible GPU, DJL would fall back or fail deep inside the engine;
 * here the run stops at once with what to do.
 */
public final class DjlDevices {
  /** What the machine has: the flavors of the PyTorch natives on the class path, and the CUDA GPUs visible. */
  public interface Probe {
    List<String> nativeFlavors();

    int gpus();
  }

  /** The class path and the CUDA runtime of this process. */
  public static final Probe SYSTEM = new Probe() {
    @Override
    public List<String> nativeFlavors() {
      List<String> flavors = new ArrayList<>();
      String flavor = System.getenv("PYTORCH_FLAVOR");
      if (flavor != null && !flavor.isBlank()) {
        // DJL's override: a build of that flavor from PYTORCH_LIBRARY_PATH, or downloaded by DJL
        flavors.add(flavor + " (PYTORCH_FLAVOR" + (System.getenv("PYTORCH_LIBRARY_PATH") != null
            ? ", PYTORCH_LIBRARY_PATH" : "") + ")");
      }
      try {
        for (URL u : Collections.list(DjlDevices.class.getClassLoader().getResources("native/lib/pytorch.properties"))) {
          Properties p = new Properties();
          try (InputStream in = u.openStream()) {
            p.load(in);
          }
          flavors.add(p.getProperty("flavor", "unknown"));
        }
      } catch (IOException e) {
        flavors.add("unreadable (" + e.getMessage() + ")");
      }
      return flavors;
    }

    @Override
    public int gpus() {
      try {
        return CudaUtils.getGpuCount(); // 0 where no CUDA runtime or driver can be loaded
      } catch (RuntimeException | LinkageError e) {
        return 0;
      }
    }
  };

  private DjlDevices() {}

  /** Refuses {@code gpu} on this process's machine when DJL could not run on a GPU (see {@link #require(ComputeDevice, Probe)}). */
  public static void require(ComputeDevice device) {
    require(device, SYSTEM);
  }

  /**
   * Nothing for {@code cpu}; for {@code gpu}, an {@link IllegalArgumentException} saying what is missing — a CUDA
   * native library on the class path, or a visible CUDA GPU — and how to get it.
   */
  public static void require(ComputeDevice device, Probe probe) {
    if (device != ComputeDevice.GPU) {
      return;
    }
    List<String> flavors = probe.nativeFlavors();
    if (flavors.stream().noneMatch(f -> f.startsWith("cu"))) {
      throw new IllegalArgumentException("--scorer-opt device=gpu: DJL's PyTorch engine has no CUDA native library"
          + " here (found: " + (flavors.isEmpty() ? "none" : String.join(", ", flavors)) + "). Either let DJL"
          + " download its CUDA 12.8 build once (network needed): IRG_EVAL_DJL_CUDA=download ./irg-eval ...; or"
          + " point it at a local libtorch 2.7.1 built for CUDA: PYTORCH_LIBRARY_PATH=DIR PYTORCH_VERSION=2.7.1"
          + " PYTORCH_FLAVOR=cu128; or leave device=cpu. See docs/djl-gpu.md");
    }
    int gpus = probe.gpus();
    if (gpus < 1) {
      throw new IllegalArgumentException("--scorer-opt device=gpu: the CUDA native library is present but no CUDA"
          + " GPU is visible to this process (DJL's CudaUtils counts 0: no NVIDIA driver, or CUDA_VISIBLE_DEVICES"
          + " hides them); run on a GPU node or leave device=cpu. See docs/djl-gpu.md");
    }
  }
}
