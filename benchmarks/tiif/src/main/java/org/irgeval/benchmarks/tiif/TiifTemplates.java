package org.irgeval.benchmarks.tiif;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.irgeval.api.DataException;
import org.irgeval.util.Hashing;

/**
 * The judge texts of A113N-W3I/TIIF-Bench@3aae750 {@code eval/eval_with_vlm.py}, read verbatim from
 * {@code <data>/tiif/judge_templates/}: {@code system_message.txt} (l.80), and the three user templates
 * {@code raw_prompt.txt}, {@code raw_prompt_1.txt}, {@code raw_prompt_2.txt} (l.12-56), each with the placeholder
 * {@code ##YNQuestions##} that {@code format_questions_prompt} (l.104-107) replaces by the questions, each stripped,
 * joined with "\n".
 *
 * @param system    the system message
 * @param templates the three user templates in the official order
 */
public record TiifTemplates(String system, List<String> templates) {
  public static final String DIR = "judge_templates";
  public static final String PLACEHOLDER = "##YNQuestions##";
  static final List<String> FILES = List.of("raw_prompt.txt", "raw_prompt_1.txt", "raw_prompt_2.txt");

  public TiifTemplates {
    templates = List.copyOf(templates);
  }

  public static TiifTemplates load(Path dataDir) throws DataException {
    Path dir = dataDir.resolve(TiifPromptLoader.DIR).resolve(DIR);
    String system = read(dir.resolve("system_message.txt"));
    List<String> t = new ArrayList<>();
    for (String f : FILES) {
      String text = read(dir.resolve(f));
      if (!text.contains(PLACEHOLDER)) {
        throw new DataException(TiifPromptLoader.DIR + "/" + DIR + "/" + f, 0, null, "lacks the placeholder "
            + PLACEHOLDER, TiifPromptLoader.SOURCE);
      }
      t.add(text);
    }
    return new TiifTemplates(system, t);
  }

  /** The user text of template {@code index} for these questions ({@code format_questions_prompt}). */
  public String user(int index, List<String> questions) {
    List<String> stripped = questions.stream().map(TiifReplyParser::pyStrip).toList();
    return templates.get(index).replace(PLACEHOLDER, String.join("\n", stripped));
  }

  /** Hash of every text, for the scorer's fingerprint. */
  public String sha256() {
    return Hashing.sha256((system + "\u0000" + String.join("\u0000", templates)).getBytes(StandardCharsets.UTF_8));
  }

  private static String read(Path file) throws DataException {
    String shown = TiifPromptLoader.DIR + "/" + DIR + "/" + file.getFileName();
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DataException(shown, 0, null, "file not found (the texts of eval/eval_with_vlm.py l.12-56, 80)",
          TiifPromptLoader.SOURCE);
    } catch (IOException e) {
      throw new DataException(shown, 0, null, "cannot read: " + e.getMessage(), TiifPromptLoader.SOURCE);
    }
  }
}
