package org.irgeval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PaperTable;
import org.irgeval.api.VariantSummary;
import org.irgeval.run.Registry;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.RunStore;
import org.irgeval.util.Json;

/**
 * {@code report.md} of one run: per benchmark a table in the paper's columns with one row per variant (the
 * benchmark's paper scale and digits), the overall's 95% CI, counts, and the reflection-minus-no-reflection
 * delta; optionally the paper's published rows for comparison.
 */
public final class MarkdownReport {
  private final Registry registry;
  private final ObjectMapper mapper = Json.mapper();

  public MarkdownReport(Registry registry) {
    this.registry = registry;
  }

  /**
   * Writes the report of {@code runDir} to {@code target}.
   *
   * @param paper published rows to add ("irg"), or null
   */
  public void write(Path runDir, Path target, String paper) throws IOException {
    AtomicFiles.write(target, render(runDir, paper));
  }

  public String render(Path runDir, String paper) throws IOException {
    JsonNode summary = read(runDir.resolve(RunStore.SUMMARY));
    JsonNode manifest = Files.exists(runDir.resolve(RunStore.MANIFEST)) ? read(runDir.resolve(RunStore.MANIFEST)) : null;
    StringBuilder md = new StringBuilder();
    md.append("# irg-eval report: ").append(Markdown.escape(summary.path("run").asText())).append("\n\n");
    if (summary.path("plumbing").asBoolean()) {
      md.append("> **").append(Markdown.escape(summary.path("notice").asText())).append("**\n\n");
    }
    if (manifest != null) {
      JsonNode c = manifest.path("config");
      md.append("- harness: ").append(Markdown.escape(manifest.path("harness").path("version").asText()))
          .append(" (").append(Markdown.escape(manifest.path("harness").path("git_commit").asText())).append(")\n");
      md.append("- pipeline: ").append(Markdown.escape(c.path("pipeline").asText()));
      if (!c.path("preset").isNull() && !c.path("preset").isMissingNode()) {
        md.append(", preset ").append(Markdown.escape(c.path("preset").asText()));
      }
      md.append(", turns ").append(c.path("turns").asInt()).append(", seed ").append(c.path("seed").asLong()).append('\n');
      if (manifest.has("judge_used")) {
        md.append("- judge models: ").append(Markdown.escape(manifest.path("judge_used").path("models").toString()))
            .append('\n');
      }
      md.append('\n');
    }
    Iterator<Map.Entry<String, JsonNode>> it = summary.path("benchmarks").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      section(md, e.getKey(), e.getValue(), paper);
    }
    return md.toString();
  }

  private void section(StringBuilder md, String id, JsonNode b, String paper) {
    Optional<Benchmark> bench = registry.benchmark(id);
    String title = bench.map(Benchmark::title).orElse(id);
    md.append("## ").append(Markdown.escape(title));
    if (b.hasNonNull("prompt_version")) {
      md.append(" (prompts: ").append(Markdown.escape(b.path("prompt_version").asText())).append(')');
    }
    md.append("\n\n");
    if (!"scored".equals(b.path("status").asText())) {
      md.append("Not scored: ").append(Markdown.escape(b.path("reason").asText())).append("\n\n");
      return;
    }
    md.append("Scorer: `").append(Markdown.escape(b.path("scorer").asText())).append('`');
    if (b.path("plumbing_scorer").asBoolean()) {
      md.append(" (plumbing check)");
    }
    md.append("\n\n");
    PaperTable table = bench.map(Benchmark::paperTable).orElse(null);
    List<PaperTable.Column> cols = table != null ? table.columns() : List.of(new PaperTable.Column("Overall", "overall"));
    double scale = table != null ? table.scale() : 1;
    int digits = table != null ? table.digits() : 3;
    md.append("| Variant |");
    cols.forEach(c -> md.append(' ').append(Markdown.escape(c.header())).append(" |"));
    md.append(" 95% CI | prompts | images | failures |\n|---|");
    cols.forEach(c -> md.append("---:|"));
    md.append("---|---:|---:|---:|\n");
    JsonNode variants = b.path("variants");
    variants.fields().forEachRemaining(v -> {
      JsonNode o = v.getValue();
      md.append("| ").append(Markdown.escape(v.getKey())).append(" |");
      for (PaperTable.Column c : cols) {
        JsonNode val = "overall".equals(c.key()) ? o.path("overall") : o.path("categories").path(c.key());
        md.append(' ').append(fmt(val, scale, digits)).append(" |");
      }
      JsonNode ci = o.path("ci95");
      md.append(' ').append(ci.isArray() ? "[" + fmt(ci.get(0), scale, digits) + ", " + fmt(ci.get(1), scale, digits) + "]"
          : "n/a").append(" | ").append(o.path("n_prompts").asInt()).append(" | ").append(o.path("n_images").asInt())
          .append(" | ").append(o.path("failures").asInt()).append(" |\n");
    });
    variants.fields().forEachRemaining(v -> {
      JsonNode preview = v.getValue().path("extra").path(VariantSummary.PREVIEW);
      if (!v.getValue().path("overall").isNumber() && preview.isNumber()) {
        md.append("\n").append(Markdown.escape(v.getKey())).append(": the official overall is withheld (see notes);")
            .append(" preview on the scored prompts only: ").append(fmt(preview, scale, digits)).append('\n');
      }
    });
    b.path("effects").fields().forEachRemaining(eff -> {
      JsonNode d = eff.getValue();
      double p = d.path("p_bootstrap").asDouble();
      md.append(String.format(Locale.ROOT, "%n%s vs %s on the overall: %+." + digits + "f [%+." + digits + "f, %+."
              + digits + "f] (paired bootstrap 95%% CI over the same prompts, %s)%n",
          Markdown.escape(eff.getKey()), Markdown.escape(d.path("versus").asText()), d.path("delta").asDouble() * scale,
          d.path("ci95").get(0).asDouble() * scale, d.path("ci95").get(1).asDouble() * scale,
          p == 0 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p)));
    });
    if (paper != null && table != null && table.rows().containsKey(paper)) {
      md.append("\nPublished rows (").append(Markdown.escape(paper)).append("):\n\n| Row |");
      cols.forEach(c -> md.append(' ').append(Markdown.escape(c.header())).append(" |"));
      md.append(" Source |\n|---|");
      cols.forEach(c -> md.append("---:|"));
      md.append("---|\n");
      for (PaperTable.PaperRow r : table.rows().get(paper)) {
        md.append("| ").append(Markdown.escape(r.label())).append(" |");
        for (PaperTable.Column c : cols) {
          Double v = r.values().get(c.key());
          md.append(' ').append(v == null ? "–" : String.format(Locale.ROOT, "%." + digits + "f", v * scale)).append(" |");
        }
        md.append(' ').append(Markdown.escape(r.source())).append(" |\n");
      }
    }
    b.path("variants").fields().forEachRemaining(v -> v.getValue().path("notes").forEach(n ->
        md.append("\n- ").append(Markdown.escape(v.getKey())).append(": ").append(Markdown.escape(n.asText()))));
    md.append("\n\n");
  }

  private static String fmt(JsonNode v, double scale, int digits) {
    return v != null && v.isNumber() ? String.format(Locale.ROOT, "%." + digits + "f", v.asDouble() * scale) : "–";
  }

  private JsonNode read(Path f) throws IOException {
    try {
      return mapper.readTree(f.toFile());
    } catch (IOException e) {
      throw new IOException(f + ": cannot read (" + e.getMessage() + ")", e);
    }
  }
}
