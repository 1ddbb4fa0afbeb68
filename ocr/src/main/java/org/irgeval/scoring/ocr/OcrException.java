package org.irgeval.scoring.ocr;

/** An image could not be read by an OCR back end (undecodable image, no imported result, model failure). */
public class OcrException extends Exception {
  public OcrException(String message) {
    super(message);
  }

  public OcrException(String message, Throwable cause) {
    super(message, cause);
  }
}
