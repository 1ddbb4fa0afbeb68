package org.irgeval.benchmarks.geneval;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.OfficialResultsImporter;
import org.irgeval.api.PaperTable;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.VariantSummary;

/** GenEval (Ghosh et al., NeurIPS 2023 D&amp;B), scored as djghosh13/geneval@af4902f does. */
public final class GenEvalBenchmark implements Benchmark {
  public static final String ID = "geneval";
  /** Bench option choosing the metadata file. */
  public static final String OPTION_PROMPTS = "prompts";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "GenEval";
  }

  @Override
  public String officialSource() {
    return "https://github.com/djghosh13/geneval (prompts/, evaluation/object_names.txt)";
  }

  @Override
  public PromptSet load(Path dataDir, Map<String, String> options) throws DataException {
    PromptFile which;
    try {
      which = PromptFile.ofOption(options.get(OPTION_PROMPTS));
    } catch (IllegalArgumentException e) {
      throw new DataException(MetadataLoader.DIR, 0, OPTION_PROMPTS, e.getMessage(), null);
    }
    return new MetadataLoader().load(dataDir, which);
  }

  @Override
  public Map<String, String> optionHelp() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(OPTION_PROMPTS, "original (prompts/evaluation_metadata.jsonl, default) or rewritten "
        + "(BAGEL's prompts/evaluation_metadata_long.jsonl; recorded as the prompt-set version)");
    return m;
  }

  /** README "generate 4 images per prompt"; diffusers_generate.py {@code --n_samples} default 4. */
  @Override
  public int defaultSamples() {
    return 4;
  }

  @Override
  public VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    return new SummaryScores().aggregate(prompts, samples);
  }

  @Override
  public PaperTable paperTable() {
    return GenEvalPaperTable.table();
  }

  @Override
  public Optional<ImageLayout> officialLayout() {
    return Optional.of(new OfficialLayout());
  }

  /**
   * {@code results.jsonl} in the schema of evaluate_images.py l.247-258 (one line per scored image; failed
   * scorings have no official line and are left out).
   */
  @Override
  public void writeOfficialResults(java.nio.file.Path dir, PromptSet prompts, List<ScoredSample> samples)
      throws java.io.IOException {
    List<com.fasterxml.jackson.databind.JsonNode> lines = samples.stream()
        .filter(s -> !s.score().failed() && s.score().detail() != null).map(s -> s.score().detail()).toList();
    new ResultsJsonl().write(dir.resolve("results.jsonl"), lines);
  }

  @Override
  public Optional<OfficialResultsImporter> officialResults() {
    return Optional.of(new OfficialResultsReader());
  }
}
