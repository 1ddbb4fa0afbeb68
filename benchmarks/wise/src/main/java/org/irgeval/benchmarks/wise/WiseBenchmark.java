package org.irgeval.benchmarks.wise;

import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * WISE (Niu et al., arXiv:2503.07265; PKU-YuanGroup/WISE). Options: {@code version=legacy|verified} (default
 * legacy, the IRG paper's) and {@code prompts=original|rewrite} (legacy only). See docs/wise.md.
 */
public final class WiseBenchmark implements Benchmark {
  public static final String ID = "wise";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "WISE";
  }

  @Override
  public String officialSource() {
    return WisePromptLoader.SOURCE + " (WISE_legacy/data/*.json, data_verified/*_verified.json; judge texts"
        + " from gpt_eval.py / vllm_eval.py into judge_prompts/)";
  }

  @Override
  public Map<String, String> optionHelp() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("version", "legacy (default; the WISE paper / IRG setup, GPT-4o judge, weighted WiScore) or verified"
        + " (WISE_Verified, Qwen3.5-35B-A3B judge, binary score)");
    m.put("prompts", "original (default) or rewrite (legacy only: generate from *_rewrite.json, judge with the"
        + " original prompt and explanation)");
    return m;
  }

  @Override
  public PromptSet load(Path dataDir, Map<String, String> options) throws DataException {
    for (String k : options.keySet()) {
      if (!optionHelp().containsKey(k)) {
        throw new DataException("--bench-opt wise." + k, 0, k, "unknown WISE option; known: "
            + optionHelp().keySet(), null);
      }
    }
    String v = options.getOrDefault("version", WiseVersion.LEGACY.id()).trim();
    WiseVersion version = WiseVersion.byId(v).orElseThrow(() -> new DataException("--bench-opt wise.version", 0,
        "version", "'" + v + "' is not legacy or verified", null));
    String p = options.getOrDefault("prompts", "original").trim();
    if (!p.equals("original") && !p.equals("rewrite")) {
      throw new DataException("--bench-opt wise.prompts", 0, "prompts", "'" + p + "' is not original or rewrite",
          null);
    }
    boolean rewrite = p.equals("rewrite");
    if (rewrite && version != WiseVersion.LEGACY) {
      throw new DataException("--bench-opt wise.prompts", 0, "prompts", "rewritten prompts exist only for WISE"
          + " legacy (WISE_legacy/data/*_rewrite.json)", null);
    }
    return new WisePromptLoader().load(dataDir, version, rewrite);
  }

  /** One image per prompt (gpt_eval.py l.241-248 reads exactly {@code <prompt_id>.png}). */
  @Override
  public int defaultSamples() {
    return 1;
  }

  @Override
  public VariantSummary aggregate(PromptSet prompts, List<ScoredSample> samples) {
    return WiseAggregator.aggregate(prompts, samples);
  }

  @Override
  public PaperTable paperTable() {
    List<PaperTable.Column> cols = new ArrayList<>();
    WiseVersion.LEGACY.categories().forEach(c -> cols.add(new PaperTable.Column(c.header(), c.key())));
    cols.add(new PaperTable.Column("Overall", "overall"));
    return new PaperTable("WISE", cols, 1, 2, Map.of("irg", WisePaperRows.irg(cols)));
  }

  /** The official per-file score JSONL ({@link WiseScoreFiles}), for the official calculators. */
  @Override
  public void writeOfficialResults(Path dir, PromptSet prompts, List<ScoredSample> samples) throws java.io.IOException {
    new WiseScoreFiles().write(dir, WiseVersion.ofPromptSet(prompts.version()), samples);
  }

  @Override
  public Optional<ImageLayout> officialLayout() {
    return Optional.of(new WiseImageLayout());
  }

  @Override
  public Optional<OfficialResultsImporter> officialResults() {
    return Optional.of(new WiseResultsImporter());
  }
}
