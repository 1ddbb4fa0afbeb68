package org.irgeval.scoring.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the lines of text in an image, in reading order (top to bottom, then left to right).
 *
 * <p>The image is given as its encoded bytes (PNG/JPEG as written to disk) or as a file, not as decoded pixels,
 * because one back end ({@link ImportedOcr}) identifies images by the SHA-256 of their file bytes; scorers have
 * files. {@link PpOcrEngine} also reads a {@link java.awt.image.BufferedImage} directly.
 *
 * <p><b>Thread safety:</b> implementations are safe to call from several threads at once (scorers score samples
 * concurrently); {@link #close()} must not race with reads.
 */
public interface OcrEngine extends AutoCloseable {
  /**
   * The lines read in an encoded image.
   *
   * @param encodedImage the image file's bytes
   * @throws OcrException when the image cannot be decoded or has no result
   */
  List<OcrLine> read(byte[] encodedImage) throws OcrException;

  /**
   * The lines read in an image file.
   *
   * @param imageFile a PNG/JPEG file
   * @throws OcrException when the file cannot be read or decoded, or has no result
   */
  default List<OcrLine> read(Path imageFile) throws OcrException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(imageFile);
    } catch (IOException e) {
      throw new OcrException("cannot read image " + imageFile + ": " + e.getMessage(), e);
    }
    try {
      return read(bytes);
    } catch (OcrException e) {
      throw new OcrException(imageFile + ": " + e.getMessage(), e);
    }
  }

  /** What determines this engine's output (model files' SHA-256s and settings), for run fingerprints. */
  String fingerprint();

  @Override
  void close();
}
