package org.irgeval.benchmarks.oneig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.api.DataException;
import org.irgeval.util.Hashing;

/**
 * The two VLM texts of OneIG-Bench/OneIG-Benchmark@41b4983 {@code scripts/utils/inference.py}, read at run time from
 * {@code <data>/oneig/templates/} (never pasted into our sources): {@code alignment_question_suffix_template.txt}, the
 * f-string of l.76 with {@code {question}} where the question goes, and {@code text_ocr_prompt.txt}, the
 * {@code TEXT_PROMPT} of l.35-39. One trailing newline of a file is not part of its text.
 */
record OneIgTemplates(String question, String ocr, String sha256) {
  static final String DIR = "templates";
  static final String QUESTION = "alignment_question_suffix_template.txt";
  static final String OCR = "text_ocr_prompt.txt";
  static final String PLACEHOLDER = "{question}";

  static OneIgTemplates load(Path dataDir) throws DataException {
    Path dir = dataDir.resolve(OneIgPromptLoader.DIR).resolve(DIR);
    String q = read(dir, QUESTION);
    if (!q.contains(PLACEHOLDER)) {
      throw new DataException(OneIgPromptLoader.DIR + "/" + DIR + "/" + QUESTION, 0, null, "has no " + PLACEHOLDER,
          SOURCE);
    }
    String o = read(dir, OCR);
    return new OneIgTemplates(q, o, Hashing.sha256(q + "\u0000" + o));
  }

  static final String SOURCE = "OneIG-Bench/OneIG-Benchmark scripts/utils/inference.py l.35-39 (TEXT_PROMPT) and l.76"
      + " (the question f-string), one text per file";

  private static String read(Path dir, String name) throws DataException {
    Path f = dir.resolve(name);
    try {
      String s = Files.readString(f, StandardCharsets.UTF_8);
      return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } catch (IOException e) {
      throw new DataException(OneIgPromptLoader.DIR + "/" + DIR + "/" + name, 0, null, "missing or unreadable", SOURCE);
    }
  }

  /** The alignment request text of one question (inference.py l.76). */
  String question(String q) {
    return question.replace(PLACEHOLDER, q);
  }
}
