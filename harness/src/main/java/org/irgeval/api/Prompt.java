package org.irgeval.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One benchmark prompt as read from the official file.
 *
 * @param id       stable id inside its benchmark (e.g. a zero-padded line index or an official prompt_id);
 *                 used in file names after {@link PromptIds#safe(String)}
 * @param index    0-based position in the official file(s), the official order
 * @param text     the text sent to the generator
 * @param category the official category used for aggregation
 * @param metadata the official structured record, verbatim (what the benchmark's scoring rules read)
 */
public record Prompt(String id, int index, String text, String category, ObjectNode metadata) {
  public Prompt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(category, "category");
  }
}
