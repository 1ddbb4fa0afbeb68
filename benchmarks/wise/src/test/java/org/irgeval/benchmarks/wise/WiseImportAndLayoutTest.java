package org.irgeval.benchmarks.wise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.StringJoiner;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.Variant;
import org.irgeval.api.VariantSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiseImportAndLayoutTest {
  @TempDir
  Path tmp;

  /** Writes the three official per-category files with the scores of {@link WiseAggregatorTest#LEGACY_PLAN}. */
  private Path officialLegacyResults() throws Exception {
    Path dir = tmp.resolve("Results");
    Files.createDirectories(dir);
    String[][] files = {{"cultural_common_sense_scores.jsonl", "1", "400"},
        {"spatio-temporal_reasoning_scores.jsonl", "401", "700"}, {"natural_science_scores.jsonl", "701", "1000"}};
    for (String[] f : files) {
      StringJoiner lines = new StringJoiner("\n", "", "\n");
      for (int id = Integer.parseInt(f[1]); id <= Integer.parseInt(f[2]); id++) {
        double[] v = WiseAggregatorTest.LEGACY_PLAN.apply(id);
        // gpt_eval.py writes floats ("2.0") with ensure_ascii=False.
        lines.add("{\"prompt_id\": " + id + ", \"Subcategory\": \"Festival\", \"consistency\": " + v[0]
            + ", \"realism\": " + v[1] + ", \"aesthetic_quality\": " + v[2] + "}");
      }
      Files.writeString(dir.resolve(f[0]), lines.toString(), StandardCharsets.UTF_8);
    }
    Files.writeString(dir.resolve("cultural_common_sense_full_results.json"), "[]");
    return dir;
  }

  @Test
  void importsTheOfficialScoreFilesAndAggregatesThemLikeCalculatePy() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    List<ScoredSample> samples = new WiseBenchmark().officialResults().orElseThrow()
        .read(officialLegacyResults(), s);
    assertEquals(1000, samples.size());
    assertEquals(Variant.IMPORTED, samples.get(0).score().key().variant());
    VariantSummary v = new WiseBenchmark().aggregate(s, samples);
    assertEquals(0.6566, v.overall(), 1e-12, "hand-computed in WiseAggregatorTest");
  }

  @Test
  void theSentinelAndOutOfRangeValuesAreCountedFailures() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    Path dir = officialLegacyResults();
    Path f = dir.resolve("cultural_common_sense_scores.jsonl");
    List<String> lines = Files.readAllLines(f);
    lines.set(0, "{\"prompt_id\": 1, \"Subcategory\": \"Festival\", \"consistency\": 9.9, \"realism\": 9.9,"
        + " \"aesthetic_quality\": 9.9}");
    Files.write(f, lines);
    List<ScoredSample> samples = new WiseBenchmark().officialResults().orElseThrow().read(dir, s);
    assertTrue(samples.get(0).score().failed());
    assertTrue(samples.get(0).score().error().contains("9.9"));
    VariantSummary v = new WiseBenchmark().aggregate(s, samples);
    assertEquals(1, v.failures());
    assertNull(v.overall());
  }

  @Test
  void malformedLinesNameFileLineAndField() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    Path dir = officialLegacyResults();
    Path f = dir.resolve("natural_science_scores.jsonl");
    List<String> lines = Files.readAllLines(f);
    lines.set(2, "{\"prompt_id\": 703, \"consistency\": \"2\", \"realism\": 1, \"aesthetic_quality\": 1}");
    Files.write(f, lines);
    DataException e = assertThrows(DataException.class,
        () -> new WiseBenchmark().officialResults().orElseThrow().read(dir, s));
    assertEquals(f.toString(), e.file());
    assertEquals(3, e.line());
    assertEquals("consistency", e.field());

    lines.set(2, "{\"prompt_id\": 702, \"consistency\": 2, \"realism\": 1, \"aesthetic_quality\": 1}");
    Files.write(f, lines);
    DataException dup = assertThrows(DataException.class,
        () -> new WiseBenchmark().officialResults().orElseThrow().read(dir, s));
    assertTrue(dup.getMessage().contains("duplicate prompt_id 702"), dup.getMessage());
  }

  @Test
  void importsVerifiedScoreFiles() throws Exception {
    PromptSet s = WiseTestData.load("verified");
    Path f = tmp.resolve("all_scores_results.jsonl");
    StringJoiner lines = new StringJoiner("\n");
    for (int id = 1; id <= 1000; id++) {
      lines.add("{\"prompt_id\": " + id + ", \"Subcategory\": \"x\", \"score\": " + (id <= 400 ? "1.0" : "0.0") + "}");
    }
    Files.writeString(f, lines.toString());
    VariantSummary v = new WiseBenchmark().aggregate(s,
        new WiseBenchmark().officialResults().orElseThrow().read(f, s));
    // 0.40 x 1 + 0.12 x 0 x 5 = 0.4
    assertEquals(0.4, v.overall(), 1e-12);
  }

  @Test
  void theLayoutIsFlatPromptIdPng() throws Exception {
    PromptSet s = WiseTestData.load("legacy");
    Prompt p = s.prompts().get(41);
    var layout = new WiseBenchmark().officialLayout().orElseThrow();
    layout.write(tmp, p, 0, new byte[] {1, 2, 3});
    assertTrue(Files.isRegularFile(tmp.resolve("42.png")));
    assertEquals(tmp.resolve("42.png"), layout.find(tmp, p, 0).orElseThrow());
    layout.write(tmp, p, 2, new byte[] {4});
    assertTrue(Files.isRegularFile(tmp.resolve("sample-2/42.png")));
    assertFalse(layout.find(tmp, p, 1).isPresent());
  }

  @Test
  void registeredWithServiceLoader() {
    assertTrue(ServiceLoader.load(Benchmark.class).stream().anyMatch(b -> b.get().id().equals("wise")));
    List<String> scorers = ServiceLoader.load(ScorerProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.benchmarks().contains("wise")).map(ScorerProvider::id).sorted().toList();
    assertEquals(List.of("wise-judge", "wise-plumbing"), scorers);
    assertEquals(1, new WiseBenchmark().defaultSamples());
  }
}
