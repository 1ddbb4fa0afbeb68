/**
 * OCR back ends shared by benchmark adapters that read text in generated images (TIIF-Bench's text metrics,
 * OneIG-Bench's text scores): {@link org.irgeval.scoring.ocr.OcrEngine} with two implementations,
 * {@link org.irgeval.scoring.ocr.PpOcrEngine} (PaddleOCR's PP-OCRv4 ONNX models, run in-process on DJL's OnnxRuntime
 * engine, the pre/post-processing ported from PaddleOCR) and {@link org.irgeval.scoring.ocr.ImportedOcr} (OCR done
 * elsewhere, read from a JSON-lines file). {@link org.irgeval.scoring.ocr.OcrModels} finds, verifies and downloads the
 * pinned model files. See docs/ocr.md for what is ported from where and the deviations.
 */
package org.irgeval.scoring.ocr;
