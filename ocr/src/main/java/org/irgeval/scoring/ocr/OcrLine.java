package org.irgeval.scoring.ocr;

/**
 * One line of text read in an image.
 *
 * @param text       the recognized text
 * @param confidence the recognizer's confidence in [0, 1] (PP-OCR: mean max-probability of the kept CTC frames;
 *                   imported OCR: 1 unless the file gives one)
 * @param x          left edge of the line's axis-aligned bounding box, image pixels (0 when unknown)
 * @param y          top edge of the bounding box
 * @param w          width of the bounding box (0 when unknown)
 * @param h          height of the bounding box (0 when unknown)
 */
public record OcrLine(String text, double confidence, int x, int y, int w, int h) {
  public OcrLine {
    if (text == null) {
      throw new IllegalArgumentException("text must not be null");
    }
  }
}
