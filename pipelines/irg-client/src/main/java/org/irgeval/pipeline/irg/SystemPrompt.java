package org.irgeval.pipeline.irg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.util.Hashing;

/**
 * An official system prompt, read at run time from {@code <data>/irg/<file>} (never embedded in our sources:
 * docs/protocol.md, "System prompts"). Only its hash travels in requests: the server holds its own copy (from the official
 * checkout or the same data folder) and refuses a request whose hash differs (docs/protocol.md).
 *
 * @param file   file name under {@code <data>/irg/}
 * @param path   where it was read
 * @param sha256 SHA-256 of the file's bytes, exactly as stored (trailing spaces and newline matter)
 */
public record SystemPrompt(String file, Path path, String sha256) {
  /** Where each file's text comes from, for the error message when it is missing. */
  static String officialSource(String file) {
    return switch (file) {
      case "irg_two_turn_system_prompt.txt" -> "GEN_THINK_SYSTEM_PROMPT in Osilly/Interleaving-Reasoning-Generation"
          + " eval/multi_turn/tiif/tiif_multi_turn_gen.py:196-207 (the string's content, ending with a newline)";
      case "bagel_think_system_prompt.txt" -> "GEN_THINK_SYSTEM_PROMPT in ByteDance-Seed/Bagel inferencer.py:18-19"
          + " (= SYSTEM_PROMPT in eval/gen/gen_images_mp_wise.py:28-29; no final newline)";
      default -> "the official repository";
    };
  }

  static SystemPrompt read(Path dataDir, String file) {
    Path p = dataDir.resolve("irg").resolve(file);
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException("system prompt file missing: " + p + " (set --pipeline-opt data_dir=DIR or"
          + " --data; the file holds " + officialSource(file) + ")");
    }
    try {
      byte[] bytes = Files.readAllBytes(p);
      if (bytes.length == 0) {
        throw new IllegalArgumentException("system prompt file is empty: " + p);
      }
      return new SystemPrompt(file, p, Hashing.sha256(bytes));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read system prompt " + p + ": " + e.getMessage(), e);
    }
  }
}
