package org.irgeval.scoring.ocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CTCLabelDecode (ppocr/postprocess/rec_postprocess.py): greedy decoding of the recognizer's per-frame class
 * probabilities. Class 0 is the CTC blank; classes 1..n are the dictionary's lines in order, then " " (use_space_char
 * True). Per frame the arg-max is taken, repeats are merged, blanks dropped; the confidence is the mean of the kept
 * frames' max probabilities (0 when nothing is kept).
 */
final class CtcDecoder {
  private final List<String> characters;

  /**
   * @param dictionary the dictionary's entries, one per line of ppocr_keys_v1.txt (the blank and the space are
   *                   added here)
   */
  CtcDecoder(List<String> dictionary) {
    List<String> c = new ArrayList<>(dictionary.size() + 2);
    c.add(""); // 'blank', ignored token 0
    c.addAll(dictionary);
    c.add(" ");
    this.characters = List.copyOf(c);
  }

  /**
   * Reads a dictionary file the way BaseRecLabelDecode does: every line (a last line without a newline counts),
   * UTF-8, with its line ending stripped.
   */
  static CtcDecoder fromFile(Path keys) throws IOException {
    String all = new String(Files.readAllBytes(keys), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < all.length()) {
      int nl = all.indexOf('\n', start);
      int end = nl < 0 ? all.length() : nl;
      String line = all.substring(start, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      lines.add(line);
      start = end + 1;
    }
    return new CtcDecoder(lines);
  }

  /** Number of classes the recognizer must output: blank + dictionary + space. */
  int classes() {
    return characters.size();
  }

  /**
   * Decoded text and confidence.
   *
   * @param text       the characters kept
   * @param confidence mean max-probability of the kept frames
   */
  record Decoded(String text, double confidence) {}

  /**
   * Decodes one sequence.
   *
   * @param probs  {@code frames x classes()} probabilities, row-major
   * @param offset index of the sequence's first value in {@code probs}
   */
  Decoded decode(float[] probs, int offset, int frames) {
    int c = characters.size();
    StringBuilder sb = new StringBuilder();
    double confSum = 0;
    int kept = 0;
    int prev = -1;
    for (int t = 0; t < frames; t++) {
      int base = offset + t * c;
      int best = 0;
      float bestP = probs[base];
      for (int k = 1; k < c; k++) {
        if (probs[base + k] > bestP) { // first maximum wins, as numpy argmax
          bestP = probs[base + k];
          best = k;
        }
      }
      if (best != 0 && best != prev) {
        sb.append(characters.get(best));
        confSum += bestP;
        kept++;
      }
      prev = best;
    }
    return new Decoded(sb.toString(), kept == 0 ? 0 : confSum / kept);
  }
}
