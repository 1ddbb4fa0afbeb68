package org.irgeval.scoring.ocr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * DJL's Translator step for the three PP-OCR models: one float32 tensor in (already pre-processed by
 * {@link DetPreprocess} / {@link RecPreprocess}), the first output tensor out (post-processing stays in plain
 * Java so it can be unit-tested without a model). Stateless, so one instance serves every predictor.
 */
final class FloatTensorTranslator implements NoBatchifyTranslator<FloatTensor, FloatTensor> {
  @Override
  public NDList processInput(TranslatorContext ctx, FloatTensor input) {
    return new NDList(ctx.getNDManager().create(input.data(), new Shape(input.shape())));
  }

  @Override
  public FloatTensor processOutput(TranslatorContext ctx, NDList list) {
    NDArray out = list.get(0);
    return new FloatTensor(out.toFloatArray(), out.getShape().getShape());
  }
}
