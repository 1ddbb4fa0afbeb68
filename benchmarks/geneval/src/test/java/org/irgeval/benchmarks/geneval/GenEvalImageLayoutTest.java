package org.irgeval.benchmarks.geneval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenEvalImageLayoutTest {
  static PromptSet prompts;
  @TempDir
  Path root;
  final GenEvalImageLayout layout = new GenEvalImageLayout();

  @BeforeAll
  static void load() throws Exception {
    prompts = GenEvalTestData.original();
  }

  @Test
  void writesWhatTheOfficialEvaluatorReads() throws Exception {
    Prompt p = prompts.prompts().get(12);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    layout.write(root, p, 3, png);
    // metadata.jsonl = json.dump(metadata): the official line itself, no trailing newline
    String line = Files.readAllLines(GenEvalTestData.root().resolve("geneval/prompts/evaluation_metadata.jsonl")).get(12);
    assertEquals(line, Files.readString(root.resolve("00012/metadata.jsonl")));
    assertArrayEquals(png, Files.readAllBytes(root.resolve("00012/samples/00003.png")));
    assertEquals(Optional.of(root.resolve("00012/samples/00003.png")), layout.find(root, p, 3));
    assertEquals(Optional.empty(), layout.find(root, p, 0));
    assertEquals(Optional.empty(), layout.find(root, prompts.prompts().get(13), 3));
  }

  @Test
  void readsFourAndFiveDigitNamesButNeverBoth() throws Exception {
    Prompt p = prompts.prompts().get(7);
    Path samples = Files.createDirectories(root.resolve("00007/samples"));
    Files.write(samples.resolve("0002.png"), new byte[] {1});
    Files.write(samples.resolve("grid.png"), new byte[] {2});
    Files.write(samples.resolve("00001.png"), new byte[] {3});
    assertEquals(Optional.of(samples.resolve("0002.png")), layout.find(root, p, 2));
    assertEquals(Optional.of(samples.resolve("00001.png")), layout.find(root, p, 1));
    Files.write(samples.resolve("00002.png"), new byte[] {4});
    IOException e = assertThrows(IOException.class, () -> layout.find(root, p, 2));
    assertTrue(e.getMessage().contains("2 files for sample 2"), e.getMessage());
  }

  @Test
  void refusesAFolderOfAnotherPromptFile() throws Exception {
    Prompt p = prompts.prompts().get(0);
    ObjectNode meta = p.metadata().deepCopy();
    meta.put("prompt", "A realistic wooden bench.");
    Prompt rewritten = new Prompt(p.id(), 0, "A realistic wooden bench.", p.category(), meta);
    layout.write(root, rewritten, 0, new byte[] {1});
    IOException e = assertThrows(IOException.class, () -> layout.find(root, p, 0));
    assertTrue(e.getMessage().contains("only in its \"prompt\" text"), e.getMessage());
    layout.write(root, prompts.prompts().get(1), 0, new byte[] {1});
    Files.move(root.resolve("00001/metadata.jsonl"), root.resolve("00000/metadata.jsonl"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    e = assertThrows(IOException.class, () -> layout.find(root, p, 0));
    assertTrue(e.getMessage().contains("belongs to another prompt"), e.getMessage());
  }
}
