package org.irgeval.scoring.ocr;

/**
 * The PP-OCR inference settings, with PaddleOCR's PP-OCRv4 defaults (tools/infer/utility.py parse_args and the
 * classes that read them). All of them go into {@link PpOcrEngine#fingerprint()}.
 *
 * @param limitSideLen    DetResizeForTest limit_side_len (det_limit_side_len, 960)
 * @param limitTypeMax    DetResizeForTest limit_type: true = 'max' (default), false = 'min'
 * @param thresh          DBPostProcess thresh: probability-map binarization (det_db_thresh, 0.3)
 * @param boxThresh       DBPostProcess box_thresh: minimum mean probability inside a box (det_db_box_thresh, 0.6)
 * @param unclipRatio     DBPostProcess unclip_ratio (det_db_unclip_ratio, 1.5)
 * @param maxCandidates   DBPostProcess max_candidates (1000)
 * @param minSize         DBPostProcess min_size (3)
 * @param recHeight       rec_image_shape height (48)
 * @param recWidth        rec_image_shape width (320): the narrowest recognizer input
 * @param recBatch        rec_batch_num (6): crops are batched by aspect ratio as TextRecognizer does, which
 *                        decides how much right padding each crop gets
 * @param dropScore       TextSystem drop_score (0.5): lines recognized with less confidence are dropped
 * @param useAngleCls     use_angle_cls (false): run the 0/180 degree classifier on crops
 * @param clsThresh       cls_thresh (0.9): turn a crop when the classifier says '180' with more than this
 */
public record PpOcrSettings(int limitSideLen, boolean limitTypeMax, double thresh, double boxThresh,
    double unclipRatio, int maxCandidates, int minSize, int recHeight, int recWidth, int recBatch, double dropScore,
    boolean useAngleCls, double clsThresh) {

  /** cls_image_shape "3, 48, 192" (predict_cls.py). */
  static final int CLS_HEIGHT = 48;
  static final int CLS_WIDTH = 192;

  public PpOcrSettings {
    if (limitSideLen < 32 || recHeight <= 0 || recWidth <= 0 || recBatch <= 0 || maxCandidates <= 0) {
      throw new IllegalArgumentException("bad PP-OCR settings");
    }
  }

  /** PaddleOCR's PP-OCRv4 defaults, angle classifier off (as PaddleOCR's own default). */
  public static PpOcrSettings defaults() {
    return new PpOcrSettings(960, true, 0.3, 0.6, 1.5, 1000, 3, 48, 320, 6, 0.5, false, 0.9);
  }

  /** The same settings with the angle classifier on or off. */
  public PpOcrSettings withAngleCls(boolean on) {
    return new PpOcrSettings(limitSideLen, limitTypeMax, thresh, boxThresh, unclipRatio, maxCandidates, minSize,
        recHeight, recWidth, recBatch, dropScore, on, clsThresh);
  }
}
