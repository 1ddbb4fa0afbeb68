package org.irgeval.benchmarks.geneval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.irgeval.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary_scores.py on a results file built by hand. Images (prompt index, sample, correct):
 * <pre>
 * single_object  0/0 T, 0/1 T, 0/2 F, 1/0 T   3/4 = 0.75
 * two_object     80/0 T, 80/1 F                1/2 = 0.5
 * counting       179/0 F                       0/1 = 0.0
 * colors         259/3 T                       1/1 = 1.0
 * position       353/0 F, 353/1 F              0/2 = 0.0
 * color_attr     453/0 T, 453/1 F, 453/2 T, 453/3 F   2/4 = 0.5
 * overall (mean of the 6 tag means) = 2.75 / 6 = 0.4583333
 * % correct images = 7/14 = 0.5 (NOT the overall); % correct prompts = 5/7 (179 and 353 have none right)
 * </pre>
 */
class GenEvalResultsImporterTest {
  static PromptSet prompts;
  static final Object[][] IMAGES = {
      {0, 0, true}, {0, 1, true}, {0, 2, false}, {1, 0, true}, {80, 0, true}, {80, 1, false}, {179, 0, false},
      {259, 3, true}, {353, 0, false}, {353, 1, false}, {453, 0, true}, {453, 1, false}, {453, 2, true},
      {453, 3, false}};

  @TempDir
  Path tmp;

  @BeforeAll
  static void load() throws Exception {
    prompts = GenEvalTestData.original();
  }

  /** One line as pandas writes it: "/" escaped as "\/", metadata a json.dumps string. */
  static String line(Prompt p, int sample, boolean correct) throws Exception {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("filename", "outputs/geneval/" + p.id() + "/samples/" + String.format("%04d", sample) + ".png");
    o.put("tag", p.category());
    o.put("prompt", p.text());
    o.put("correct", correct);
    o.put("reason", correct ? "" : "expected x>=1, found 0");
    o.put("metadata", PyJson.dumps(p.metadata()));
    o.put("details", "{}");
    return Json.mapper().writeValueAsString(o).replace("/", "\\/");
  }

  Path results(List<String> lines) throws Exception {
    Path f = tmp.resolve("results.jsonl");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  List<String> handBuilt() throws Exception {
    List<String> lines = new ArrayList<>();
    for (Object[] im : IMAGES) {
      lines.add(line(prompts.prompts().get((int) im[0]), (int) im[1], (boolean) im[2]));
    }
    return lines;
  }

  @Test
  void importGivesSummaryScoresNumbers() throws Exception {
    GenEvalBenchmark b = new GenEvalBenchmark();
    List<ScoredSample> samples = b.officialResults().orElseThrow().read(results(handBuilt()), prompts);
    assertEquals(14, samples.size());
    assertEquals("imported", samples.get(0).score().key().variant());
    assertEquals("00259", samples.get(7).prompt().id());
    assertEquals(3, samples.get(7).sample());
    VariantSummary s = b.aggregate(prompts, samples);
    assertEquals(0.75, s.categories().get("single_object"), 1e-12);
    assertEquals(0.5, s.categories().get("two_object"), 1e-12);
    assertEquals(0.0, s.categories().get("counting"), 1e-12);
    assertEquals(1.0, s.categories().get("colors"), 1e-12);
    assertEquals(0.0, s.categories().get("position"), 1e-12);
    assertEquals(0.5, s.categories().get("color_attr"), 1e-12);
    assertEquals(2.75 / 6, s.overall(), 1e-12);
    assertEquals(0.5, (double) s.extra().get("correct_images"), 1e-12);
    assertEquals(5.0 / 7, (double) s.extra().get("correct_prompts"), 1e-12);
    assertEquals(7, s.nPrompts());
    assertEquals(14, s.nImages());
    assertEquals(0, s.failures());
    assertEquals(List.of("single_object", "two_object", "counting", "colors", "position", "color_attr"),
        List.copyOf(s.categories().keySet()));
  }

  @Test
  void failuresAreCountedNotFolded() throws Exception {
    GenEvalBenchmark b = new GenEvalBenchmark();
    List<ScoredSample> samples = new ArrayList<>(b.officialResults().orElseThrow().read(results(handBuilt()), prompts));
    Prompt p = prompts.prompts().get(2);
    samples.add(new ScoredSample(p, 0, new ScoreRecord(new ScoreKey("geneval", p.id(), 0, "reflection", "x"),
        Map.of(), null, null, "detector crashed", 1)));
    VariantSummary s = b.aggregate(prompts, samples);
    assertEquals(1, s.failures());
    assertEquals(0.75, s.categories().get("single_object"), 1e-12);
    assertEquals(2.75 / 6, s.overall(), 1e-12);
  }

  @Test
  void missingTagsLeaveTheMeanOverThePresentOnesWithANote() throws Exception {
    GenEvalBenchmark b = new GenEvalBenchmark();
    List<String> only = handBuilt().subList(0, 6); // single_object (0.75) and two_object (0.5)
    VariantSummary s = b.aggregate(prompts, b.officialResults().orElseThrow().read(results(only), prompts));
    assertEquals(0.625, s.overall(), 1e-12); // np.mean over the tags groupby yields
    assertNull(s.categories().get("counting"));
    assertTrue(s.notes().get(0).contains("2 of 6 tags"), s.notes().toString());
  }

  @Test
  void refusesResultsOfTheOtherPromptFile() throws Exception {
    Prompt p = prompts.prompts().get(0);
    ObjectNode meta = p.metadata().deepCopy();
    meta.put("prompt", "A realistic wooden bench sits on a flat surface.");
    String l = line(new Prompt(p.id(), p.index(), "long", p.category(), meta), 0, true);
    DataException e = assertThrows(DataException.class,
        () -> new GenEvalResultsImporter().read(results(List.of(line(p, 1, true), l)), prompts));
    assertEquals(2, e.line());
    assertEquals("metadata", e.field());
    assertTrue(e.getMessage().contains("geneval.prompts=rewritten"), e.getMessage());
  }

  @Test
  void malformedLinesNameLineAndField() throws Exception {
    Prompt p = prompts.prompts().get(0);
    String ok = line(p, 0, true);
    record Case(String line, String field) {}
    for (Case c : List.of(new Case(ok.replace("\"correct\":true", "\"correct\":\"yes\""), "correct"),
        new Case(ok.replace("samples\\/0000.png", "img.png"), "filename"),
        new Case(ok.replace("\"tag\":\"single_object\"", "\"tag\":\"counting\""), "tag"),
        new Case(ok, "filename") /* the same image twice */)) {
      DataException e = assertThrows(DataException.class,
          () -> new GenEvalResultsImporter().read(results(List.of(ok, c.line)), prompts), c.line);
      assertEquals(2, e.line());
      assertEquals(c.field, e.field(), e.getMessage());
    }
  }

  @Test
  void ourResultLinesRoundTripThroughTheOfficialSchema() throws Exception {
    Prompt p = prompts.prompts().get(453);
    var kept = new java.util.LinkedHashMap<String, List<org.irgeval.benchmarks.geneval.rules.Detection>>();
    kept.put("dog", List.of(new org.irgeval.benchmarks.geneval.rules.Detection(1, 2, 30, 40, 0.95f)));
    var v = new org.irgeval.benchmarks.geneval.rules.Verdict(false, "expected x>=1, found 0", kept);
    ObjectNode line = ResultLine.of(ResultLine.filename(p, 3), p, v);
    List<String> fields = new ArrayList<>();
    line.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("filename", "tag", "prompt", "correct", "reason", "metadata", "details"), fields);
    assertEquals("00453/samples/00003.png", line.get("filename").asText());
    assertEquals("{\"dog\": [[1.0, 2.0, 30.0, 40.0, 0.949999988079071]]}", line.get("details").asText());
    Path f = tmp.resolve("ours.jsonl");
    new GenEvalResultsExporter().write(f, List.of(line));
    List<ScoredSample> back = new GenEvalResultsImporter().read(f, prompts);
    assertEquals(1, back.size());
    assertEquals(p, back.get(0).prompt());
    assertEquals(3, back.get(0).sample());
    assertEquals(0.0, back.get(0).score().value("correct"));
  }
}
