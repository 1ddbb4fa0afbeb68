package org.irgeval.scoring.ocr;

import java.nio.file.Path;

/**
 * The four PP-OCR files, verified against their pinned SHA-256s.
 *
 * @param det       text detector (ch_PP-OCRv4_det_infer.onnx)
 * @param rec       text recognizer (ch_PP-OCRv4_rec_infer.onnx)
 * @param cls       0/180 degree angle classifier (ch_ppocr_mobile_v2.0_cls_infer.onnx)
 * @param keys      recognizer dictionary (ppocr_keys_v1.txt)
 * @param source    what they are: package name, version and the files' SHA-256s (goes into fingerprints)
 */
public record OcrModelFiles(Path det, Path rec, Path cls, Path keys, String source) {}
