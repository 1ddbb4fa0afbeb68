package org.irgeval.scoring.ocr;

import java.util.Arrays;

/**
 * A dense float tensor crossing the DJL boundary (the models' inputs and outputs are single float32 tensors).
 *
 * @param data  row-major values
 * @param shape dimensions; their product is {@code data.length}
 */
record FloatTensor(float[] data, long[] shape) {
  FloatTensor {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length);
    }
  }

  int dim(int i) {
    return (int) shape[i];
  }
}
