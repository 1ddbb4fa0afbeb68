package org.irgeval.benchmarks.genaibench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.irgeval.api.OfficialResultsExporter;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoredSample;
import org.irgeval.store.AtomicFiles;

/**
 * Writes our per-prompt scores as {@code vqascore.csv} ({@code prompt_idx,score}, the format
 * {@link GenAiBenchResultsImporter} reads) next to the exported images. The official evaluate.py keeps its scores
 * in a torch tensor file (evaluate.py l.134-141); the CSV holds the same numbers, one row per prompt: the mean of the
 * prompt's scored images (evaluate.py l.145). Failed images have no part in it; a prompt with none has no row.
 */
final class GenAiBenchResultsExporter implements OfficialResultsExporter {
  static final String FILE = "vqascore.csv";

  @Override
  public void write(Path dir, PromptSet prompts, List<ScoredSample> samples) throws IOException {
    Map<String, double[]> acc = new TreeMap<>();
    for (ScoredSample s : samples) {
      double v = s.score().failed() ? Double.NaN : s.score().value(GenAiBenchAggregator.SCORE);
      if (!Double.isNaN(v)) {
        double[] a = acc.computeIfAbsent(s.prompt().id(), k -> new double[2]);
        a[0] += v;
        a[1]++;
      }
    }
    StringBuilder out = new StringBuilder("prompt_idx,score\n");
    acc.forEach((id, a) -> out.append(id).append(',').append(a[0] / a[1]).append('\n'));
    AtomicFiles.write(dir, dir.resolve(FILE), out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
