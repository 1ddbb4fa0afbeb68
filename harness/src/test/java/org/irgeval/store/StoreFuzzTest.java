package org.irgeval.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.irgeval.testkit.BenchmarkFuzzTest.FuzzMutations;
import org.irgeval.util.Json;

/** Journal recovery ({@link JsonlLog#open}) and the read-only run view ({@link RunSnapshot#read}) on broken files. */
class StoreFuzzTest {
  private static final ObjectMapper MAPPER = Json.mapper();
  static final String TRAJECTORY = "{\"id\":\"geneval/00000/s0\",\"benchmark\":\"geneval\",\"prompt_id\":\"00000\","
      + "\"sample\":0,\"seed\":42,\"turns\":[{\"turn\":1,\"variant\":\"no-reflection\",\"text\":\"plan\","
      + "\"image\":\"images/geneval/00000/0-1.png\",\"sha256\":\"ab\",\"timings_ms\":{\"image\":12},\"tokens\":{\"text\":3}}],"
      + "\"model\":{\"name\":\"irg\"},\"endpoint\":\"http://x\",\"wall_ms\":100}";
  static final String SCORE = "{\"benchmark\":\"geneval\",\"prompt_id\":\"00000\",\"sample\":0,\"variant\":\"reflection\","
      + "\"scorer\":\"geneval-plumbing\",\"values\":{\"correct\":1.0},\"detail\":{\"k\":[1]},\"raw\":\"r\",\"error\":null,"
      + "\"millis\":3}";

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(seed = "1502", shrinking = ShrinkingMode.OFF)
  void journalRecoveryKeepsWholeRecordsOrNamesTheBadLine(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    byte[] valid = (TRAJECTORY + "\n" + SCORE + "\n" + TRAJECTORY + "\n").getBytes(StandardCharsets.UTF_8);
    FuzzMutations.Mutant m = FuzzMutations.mutate(valid, "trajectories.jsonl", rnd);
    Path dir = Files.createTempDirectory("fuzz-log");
    Path f = dir.resolve("trajectories.jsonl");
    try {
      Files.write(f, m.bytes());
      List<JsonNode> records;
      try (JsonlLog log = JsonlLog.open(f, MAPPER)) {
        records = log.records();
        records.forEach(r -> assertTrue(r.isObject(), "only objects are recovered: " + r));
        log.append(MAPPER.createObjectNode().put("after", "repair"));
      }
      // after a repair the journal is whole again: reopening changes nothing and keeps every record
      try (JsonlLog again = JsonlLog.open(f, MAPPER)) {
        assertEquals(records.size() + 1, again.records().size(), m.describe());
        assertEquals(null, again.repair(), "a repaired journal needs no second repair: " + m.describe());
      }
      Path torn = dir.resolve("trajectories.jsonl.torn");
      if (Files.exists(torn)) {
        assertTrue(Files.size(torn) > 0, "the torn tail is kept");
      }
    } catch (IOException e) {
      assertTrue(String.valueOf(e.getMessage()).contains("trajectories.jsonl:"),
          "the error names file and line: " + e + " after " + m.describe());
    } finally {
      delete(dir);
    }
  }

  @Property(seed = "1503", shrinking = ShrinkingMode.OFF)
  void runSnapshotReadsOrNamesTheFile(@ForAll long seed) throws Exception {
    Random rnd = new Random(seed);
    String[] names = {RunStore.SUMMARY, RunStore.MANIFEST, RunStore.TRAJECTORIES, RunStore.SCORES,
        RunStore.PROMPTS + "/geneval.json"};
    String[] valid = {"{\"run\":\"fuzz\",\"benchmarks\":{}}", "{\"config\":{\"seed\":1}}",
        TRAJECTORY + "\n" + TRAJECTORY.replace("s0", "s1") + "\n", SCORE + "\n" + SCORE.replace("\"sample\":0", "\"sample\":1") + "\n",
        "{\"benchmark\":\"geneval\",\"version\":\"original\",\"prompts\":[{\"id\":\"00000\",\"index\":0,\"text\":\"a cat\","
            + "\"category\":\"single_object\",\"metadata\":{}}],\"files\":[],\"categories\":{\"single_object\":1}}"};
    int k = rnd.nextInt(names.length);
    Path dir = Files.createTempDirectory("fuzz-run");
    try {
      for (int i = 0; i < names.length; i++) {
        Path f = dir.resolve(names[i]);
        Files.createDirectories(f.getParent());
        Files.writeString(f, valid[i]);
      }
      FuzzMutations.Mutant m = FuzzMutations.mutate(valid[k].getBytes(StandardCharsets.UTF_8),
          Path.of(names[k]).getFileName().toString(), rnd);
      Files.write(dir.resolve(names[k]), m.bytes());
      try {
        RunSnapshot s = RunSnapshot.read(dir);
        s.name();
      } catch (IOException e) {
        assertTrue(String.valueOf(e.getMessage()).contains(Path.of(names[k]).getFileName().toString()),
            "the error names the file: " + e + " after " + m.describe());
      } catch (RuntimeException e) {
        throw new AssertionError("uncaught " + e + " reading " + names[k] + " after " + m.describe(), e);
      }
    } finally {
      delete(dir);
    }
  }

  @net.jqwik.api.Example
  void validJournalIsReadBackUnchanged() throws Exception {
    Path dir = Files.createTempDirectory("fuzz-log");
    try {
      Path f = dir.resolve("scores.jsonl");
      byte[] b = (SCORE + "\n").getBytes(StandardCharsets.UTF_8);
      Files.write(f, b);
      try (JsonlLog log = JsonlLog.open(f, MAPPER)) {
        assertEquals(1, log.records().size());
      }
      assertArrayEquals(b, Files.readAllBytes(f));
    } finally {
      delete(dir);
    }
  }
}
