package org.irgeval.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.irgeval.api.DataException;
import org.irgeval.testkit.BenchmarkFuzzTest.FuzzMutations;

/** {@link JsonLines#read} on broken JSON-lines files (docs/fuzzing.md). */
class JsonLinesFuzzTest {
  private static final byte[] VALID = ("{\"image\":\"00000/samples/0000.png\",\"correct\":true,\"score\":0.5}\n"
      + "{\"image\":\"00001/samples/0000.png\",\"correct\":false,\"tag\":\"colors\",\"n\":[1,2]}\n\n"
      + "{\"a\":{\"b\":[null,1.5e3,\"x\"]}}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @Property(seed = "1501", shrinking = ShrinkingMode.OFF)
  void brokenFilesGiveDataExceptionsNamingFileAndLine(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    FuzzMutations.Mutant m = FuzzMutations.mutate(VALID, "results.jsonl", rnd);
    Path f = Files.createTempFile("fuzz", ".jsonl");
    try {
      Files.write(f, m.bytes());
      JsonLines.read(f, "results.jsonl", null);
    } catch (DataException e) {
      assertTrue(e.getMessage().startsWith("results.jsonl"), e.getMessage());
      assertTrue(e.line() > 0 || m.bytes().length == 0 || e.getMessage().contains("UTF-8"),
          "line named: " + e.getMessage() + " after " + m.describe());
    } catch (IOException e) {
      throw new AssertionError("IOException without the file name: " + e + " after " + m.describe(), e);
    } finally {
      Files.deleteIfExists(f);
    }
  }

  /** Found by the fuzzer: junk bytes gave "Input length = 1" with no file named. */
  @net.jqwik.api.Example
  void invalidUtf8NamesTheFileAndLine() throws Exception {
    Path f = Files.createTempFile("fuzz", ".jsonl");
    try {
      Files.write(f, new byte[] {'{', '}', '\n', '{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}', '\n'});
      JsonLines.read(f, "results.jsonl", null);
      throw new AssertionError("accepted invalid UTF-8");
    } catch (DataException e) {
      assertTrue(e.getMessage().startsWith("results.jsonl:2"), e.getMessage());
    } finally {
      Files.deleteIfExists(f);
    }
  }
}
