package org.irgeval.benchmarks.genaibench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenAiBenchImportTest {
  @TempDir
  Path tmp;

  private Path csv(String text) throws Exception {
    Path f = tmp.resolve("scores-" + Math.abs(text.hashCode()) + ".csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void bothKeyFormsNameTheSamePrompt() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    List<ScoredSample> xs = new GenAiBenchResultsImporter().read(csv(
        "prompt_idx,score\n00001,0.9\n2,0.2\n3,0.8\n00004,0.4\n5,0.7\n6,0.3\n7,1.0\n"), s);
    assertEquals("00002", xs.get(1).prompt().id());
    VariantSummary v = new GenAiBenchBenchmark().aggregate(s, xs);
    assertEquals(4.3 / 7, v.overall(), 1e-12);
  }

  @Test
  void unknownAndDuplicateKeysNameTheLine() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    DataException e = assertThrows(DataException.class,
        () -> new GenAiBenchResultsImporter().read(csv("1,0.5\n2,0.5\n00008,0.1\n"), s));
    assertEquals(3, e.line());
    assertEquals("prompt_idx", e.field());
    DataException d = assertThrows(DataException.class,
        () -> new GenAiBenchResultsImporter().read(csv("00002,0.5\n2,0.5\n"), s));
    assertEquals(2, d.line());
    assertTrue(d.getMessage().contains("duplicate"), d.getMessage());
  }

  /**
   * Model rows carry the mean human rating (demo prompt 00001: DALLE_3 [5,5,4] -> 14/3) and give the agreement
   * numbers; metric = human / 5 for every image gives Pearson 100 and tau-b 1.
   */
  @Test
  void modelRowsGiveHumanAgreementAndPerModelMeans() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    StringBuilder sb = new StringBuilder("prompt_idx,model,score\n");
    for (var p : s.prompts()) {
      for (String m : GenAiBenchResultsImporter.RATED_MODELS) {
        double h = 0;
        var r = p.metadata().path("models").path(m);
        for (var x : r) {
          h += x.asDouble();
        }
        sb.append(p.id()).append(',').append(m).append(',').append(h / r.size() / 5).append('\n');
      }
    }
    List<ScoredSample> xs = new GenAiBenchResultsImporter().read(csv(sb.toString()), s);
    assertEquals(42, xs.size());
    assertEquals(14.0 / 3, xs.get(0).score().value("human"), 1e-12);
    VariantSummary v = new GenAiBenchBenchmark().aggregate(s, xs);
    @SuppressWarnings("unchecked")
    Map<String, Object> ha = (Map<String, Object>) v.extra().get("human_agreement");
    @SuppressWarnings("unchecked")
    Map<String, Object> all = (Map<String, Object>) ha.get("all");
    assertEquals(100.0, (Double) all.get("pearson"), 1e-9);
    assertEquals(1.0, (Double) all.get("kendall_tau_b"), 1e-12);
    assertEquals(1.0, (Double) all.get("pairwise_accuracy"), 1e-12);
    assertNotNull(((Map<?, ?>) ha.get("per_tag")).get("counting"));
    Map<?, ?> perModel = (Map<?, ?>) v.extra().get("per_model_means");
    Map<?, ?> dalle = (Map<?, ?>) ((Map<?, ?>) perModel.get("DALLE_3")).get("negation");
    assertEquals(13.0 / 3, (Double) dalle.get("human"), 1e-12, "prompt 00002 DALLE_3 [4,4,5]");
  }

  @Test
  void ourExportReadsBackAsTheSameScores() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    List<ScoredSample> xs = GenAiBenchTestData.scores(s, 0.9, 0.2, 0.8, 0.4, 0.7, 0.3, 1.0 / 3);
    new GenAiBenchResultsExporter().write(tmp, s, xs);
    List<ScoredSample> back = new GenAiBenchResultsImporter().read(tmp.resolve(GenAiBenchResultsExporter.FILE), s);
    assertEquals(new GenAiBenchBenchmark().aggregate(s, xs).overall(),
        new GenAiBenchBenchmark().aggregate(s, back).overall());
    assertEquals(1.0 / 3, back.get(6).score().value("vqascore"));
  }

  @Test
  void withoutDataThePromptsComeFromTheResults() throws Exception {
    Path f = csv("1,0.5\n3,0.25\n");
    PromptSet s = new GenAiBenchResultsImporter().promptsFromResults(f, Map.of()).orElseThrow();
    assertEquals(List.of("00001", "00003"), s.prompts().stream().map(p -> p.id()).toList());
    VariantSummary v = new GenAiBenchBenchmark().aggregate(s, new GenAiBenchResultsImporter().read(f, s));
    assertEquals(0.375, v.overall(), 1e-12);
  }

  @Test
  void theLayoutWritesTheOfficialJpegAndThePngBeside() throws Exception {
    PromptSet s = GenAiBenchTestData.demoSet(tmp);
    byte[] png = Files.readAllBytes(GenAiBenchTestData.demo(tmp).resolve("genai-bench/genai_skills_527.json"));
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(img, "png", out);
    png = out.toByteArray();
    Path root = tmp.resolve("exports/genai-bench/reflection");
    new GenAiBenchImageLayout().write(root, s.prompts().get(0), 0, png);
    assertTrue(Files.isRegularFile(root.resolve("00001.jpeg")));
    assertNotNull(javax.imageio.ImageIO.read(root.resolve("00001.jpeg").toFile()));
    assertArrayEquals(png, Files.readAllBytes(new GenAiBenchImageLayout().find(root, s.prompts().get(0), 0).orElseThrow()));
    Files.delete(root.resolve("00001.png"));
    assertEquals(root.resolve("00001.jpeg"), new GenAiBenchImageLayout().find(root, s.prompts().get(0), 0).orElseThrow());
  }
}
