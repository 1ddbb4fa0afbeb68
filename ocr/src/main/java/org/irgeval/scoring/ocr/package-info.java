/**
 * OCR back ends for benchmark adapters that read text in generated images; TIIF-Bench's text metrics (GNED and
 * recall) are the one user, which is why this is a module of its own (only what depends on it carries ONNX
 * Runtime). OneIG-Bench's text dimension goes through the VLM judge, not through OCR.
 * {@link org.irgeval.scoring.ocr.OcrEngine} has two implementations: {@link org.irgeval.scoring.ocr.PpOcrEngine}
 * (PaddleOCR's PP-OCRv4 ONNX models, run in-process on DJL's OnnxRuntime engine, the pre/post-processing ported from
 * PaddleOCR) and {@link org.irgeval.scoring.ocr.ImportedOcr} (OCR done elsewhere, read from a JSON-lines file).
 * {@link org.irgeval.scoring.ocr.OcrModels} finds, verifies and downloads the pinned model files (through the tool's
 * one bounded {@link org.irgeval.download.Downloader}). See docs/ocr.md for what is ported from where and the
 * deviations.
 */
package org.irgeval.scoring.ocr;
