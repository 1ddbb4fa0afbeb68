package org.irgeval.api;

import java.util.Arrays;
import java.util.List;

/**
 * Where a model back end runs: the shared {@code --scorer-opt device=cpu|gpu}, declared and parsed once by the
 * harness (lower case, as every option value); judge and recorded scorers ignore it.
 */
public enum ComputeDevice {
  CPU,
  GPU;

  /** The option value: {@code cpu} or {@code gpu}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The option's values, the default first. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(ComputeDevice::id).toList();
  }

  /** The device of a checked option value. */
  public static ComputeDevice of(String id) {
    return Arrays.stream(values()).filter(d -> d.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("device '" + id + "' is not one of " + ids()));
  }
}
