package org.irgeval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.irgeval.api.Benchmark;
import org.irgeval.api.Explanation;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.api.Trajectory;
import org.irgeval.api.Variant;
import org.irgeval.run.Registry;

/**
 * The report as one HTML page that works offline from the file system: the tables, the plots, and per run and
 * benchmark an image browser (turn 1 beside the later turns, the thinking and reflection folded, each variant's
 * score of the prompt, filters for categories and for what reflection fixed or broke). Images are referenced
 * relative to the page, or embedded with {@code selfContained}. No user string is ever markup or script: all go
 * through {@link Html#escape}, and the page's only script reads {@code data-} attributes. Filters can be set from
 * the address ({@code #cat=<category>&flip=fixed|broken|same}), so a state can be linked and tested.
 */
public final class ReportHtml {
  /** Prompts shown per run and benchmark in the browser (flipped prompts first). */
  static final int MAX_PROMPTS = 400;

  private final Registry registry;

  public ReportHtml(Registry registry) {
    this.registry = registry;
  }

  /**
   * @param outDir        the folder the page is written to (image links are relative to it)
   * @param plots         plot file stems relative to {@code outDir}
   * @param selfContained embed images and plots as data URLs
   */
  public String render(ReportModel m, Path outDir, List<String> plots, boolean selfContained) throws IOException {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data: file:;")
        .append(" style-src 'unsafe-inline'; script-src 'unsafe-inline'\">")
        .append("<title>irg-eval report</title><style>").append(CSS).append("</style></head><body>\n");
    ReportContent content = ReportContent.of(m);
    content.header().forEach(b -> block(h, b));
    for (ReportContent.Section sec : content.sections()) {
      BenchmarkTable t = m.tables().stream().filter(x -> x.benchmark().equals(sec.benchmark())).findFirst()
          .orElseThrow();
      h.append("<section class=\"bench\" id=\"b-").append(Html.escape(ReportPlots.safe(t.benchmark()))).append("\">");
      sec.blocks().forEach(b -> block(h, b));
      for (String stem : plots) {
        if (stem.startsWith("plots/" + ReportPlots.safe(t.benchmark()) + "-")) {
          h.append("<figure class=\"plot\"><img alt=\"").append(Html.escape(stem)).append("\" src=\"")
              .append(selfContained ? dataUrl(outDir.resolve(stem + ".png")) : Html.escape(stem + ".png"))
              .append("\"></figure>\n");
        }
      }
      for (RunView r : m.runs()) {
        if (r.benchmarks().contains(t.benchmark())) {
          browser(h, r, t, outDir, selfContained);
        }
      }
      h.append("</section>\n");
    }
    h.append("<script>").append(JS).append("</script></body></html>\n");
    return h.toString();
  }

  /** One block of the content, as {@link ReportMarkdown} renders it in Markdown. */
  static void block(StringBuilder h, ReportBlock b) {
    if (b instanceof ReportBlock.Heading x) {
      h.append("<h").append(x.level()).append('>').append(Html.escape(x.text())).append("</h").append(x.level())
          .append(">\n");
    } else if (b instanceof ReportBlock.Paragraph x) {
      h.append(x.strong() ? "<p class=\"plumbing\"><strong>" : "<p>").append(Html.escape(x.text()))
          .append(x.strong() ? "</strong></p>\n" : "</p>\n");
    } else if (b instanceof ReportBlock.Notes x) {
      h.append("<ul class=\"notes\">");
      x.items().forEach(i -> h.append("<li>").append(Html.escape(i)).append("</li>"));
      h.append("</ul>\n");
    } else if (b instanceof ReportBlock.Table x) {
      // Wide tables (GenAI-Bench's 20 columns) scroll inside their box instead of overflowing the page.
      h.append("<div class=\"wide\"><table class=\"").append(Html.escape(x.kind())).append("\"><thead><tr>");
      x.columns().forEach(c -> h.append("<th>").append(Html.escape(c.header())).append("</th>"));
      h.append("</tr></thead><tbody>");
      for (ReportBlock.Row r : x.rows()) {
        h.append(r.kind().isEmpty() ? "<tr>" : "<tr class=\"" + Html.escape(r.kind()) + "\">");
        for (int i = 0; i < r.cells().size(); i++) {
          ReportBlock.Cell c = r.cells().get(i);
          boolean num = i < x.columns().size() && x.columns().get(i).numeric();
          h.append(num ? "<td class=\"num\">" : "<td>").append(c.strong() && !c.text().isEmpty() ? "<strong>" : "")
              .append(Html.escape(c.text())).append(c.strong() && !c.text().isEmpty() ? "</strong>" : "")
              .append("</td>");
        }
        h.append("</tr>\n");
      }
      h.append("</tbody></table></div>\n");
    }
  }

  /** The image browser of one run on one benchmark: every sample of each prompt, every turn side by side, with what the scorer saw and said about each image. */
  private void browser(StringBuilder h, RunView r, BenchmarkTable t, Path outDir, boolean selfContained)
      throws IOException {
    Optional<Benchmark> b = registry.benchmark(t.benchmark());
    Optional<PromptSet> ps = r.prompts(t.benchmark());
    if (b.isEmpty() || ps.isEmpty()) {
      return;
    }
    List<String> variants = r.variants(t.benchmark());
    Map<String, Map<String, Double>> scores = new HashMap<>();
    Map<String, Map<String, ScoreRecord>> records = new HashMap<>();
    for (String v : variants) {
      List<ScoredSample> samples = r.samples(t.benchmark(), v);
      scores.put(v, Comparisons.promptScores(b.get(), samples));
      Map<String, ScoreRecord> byImage = new HashMap<>();
      samples.forEach(s -> byImage.put(s.prompt().id() + "#" + s.sample(), s.score()));
      records.put(v, byImage);
    }
    Map<String, Double> before = scores.getOrDefault(Variant.NO_REFLECTION, Map.of());
    Map<String, Double> after = scores.getOrDefault(Variant.REFLECTION, Map.of());
    List<Prompt> ordered = new ArrayList<>();
    List<Prompt> rest = new ArrayList<>();
    for (Prompt p : ps.get().prompts()) {
      (flip(before.get(p.id()), after.get(p.id())).equals("same") ? rest : ordered).add(p);
    }
    ordered.addAll(rest);
    Set<String> categories = new LinkedHashSet<>();
    ordered.forEach(p -> categories.add(p.category()));
    h.append("<details class=\"browser\"><summary>Images of <code>").append(Html.escape(r.label()))
        .append("</code> (").append(Math.min(ordered.size(), MAX_PROMPTS)).append(" of ").append(ordered.size())
        .append(" prompts, flipped first)</summary>\n<div class=\"filters\">category <select class=\"f-cat\">")
        .append("<option value=\"\">all</option>");
    categories.forEach(c -> h.append("<option value=\"").append(Html.escape(c)).append("\">").append(Html.escape(c))
        .append("</option>"));
    h.append("</select> reflection <select class=\"f-flip\"><option value=\"\">all</option>")
        .append("<option value=\"fixed\">fixed</option><option value=\"broken\">broken</option>")
        .append("<option value=\"same\">unchanged</option></select>")
        .append(" search <input class=\"f-q\" type=\"search\" placeholder=\"prompt text or id\"></div>\n");
    int shown = 0;
    for (Prompt p : ordered) {
      if (shown++ >= MAX_PROMPTS) {
        break;
      }
      String flip = flip(before.get(p.id()), after.get(p.id()));
      h.append("<div class=\"prompt\" data-cat=\"").append(Html.escape(p.category())).append("\" data-flip=\"")
          .append(flip).append("\" data-text=\"").append(Html.escape((p.id() + " " + p.text()).toLowerCase(
              Locale.ROOT))).append("\"><div class=\"ptext\"><span class=\"flip ").append(flip).append("\">")
          .append(flip).append("</span> <code>").append(Html.escape(p.id())).append("</code> <em>")
          .append(Html.escape(p.category())).append("</em><p class=\"prompt-text\">").append(Html.escape(p.text()))
          .append("</p><p>");
      for (String v : variants) {
        Double s = scores.get(v).get(p.id());
        h.append(Html.escape(v)).append(": ").append(s == null ? "–" : String.format(Locale.ROOT, "%.3f", s))
            .append("&nbsp; ");
      }
      h.append("</p></div>");
      // Every sample of the prompt, each with every turn and what the scorer saw and said about each image.
      for (int sample = 0; ; sample++) {
        Optional<Trajectory> traj = r.trajectory(t.benchmark(), p.id(), sample);
        if (traj.isEmpty()) {
          if (sample == 0) {
            h.append("<div class=\"turns\"><p>no stored trajectory (imported scores)</p>");
            for (String v : variants) {
              explanation(h, b.get(), v, records.get(v).get(p.id() + "#0"));
            }
            h.append("</div>");
          }
          break;
        }
        h.append("<div class=\"turns\" data-sample=\"").append(sample).append("\"><span class=\"sample\">sample ")
            .append(sample).append("</span>");
        for (Trajectory.Turn turn : traj.get().turns()) {
          h.append("<figure><img loading=\"lazy\" alt=\"turn ").append(turn.turn()).append("\" src=\"")
              .append(image(r.dir().resolve(turn.image()), outDir, selfContained)).append("\"><figcaption>turn ")
              .append(turn.turn()).append(" (").append(Html.escape(turn.variant())).append(")<details><summary>")
              .append(turn.turn() == 1 ? "thinking" : "reflection").append("</summary><pre>")
              .append(Html.escape(turn.text())).append("</pre></details>");
          Map<String, ScoreRecord> byImage = records.get(turn.variant());
          explanation(h, b.get(), turn.variant(), byImage == null ? null : byImage.get(p.id() + "#" + sample));
          h.append("</figcaption></figure>");
        }
        h.append("</div>");
      }
      h.append("</div>\n");
    }
    h.append("</details>\n");
  }

  /** What the scorer saw and said about one image ({@link Benchmark#explain}), as a definition list. */
  private static void explanation(StringBuilder h, Benchmark b, String variant, ScoreRecord score) {
    if (score == null) {
      return;
    }
    List<Explanation> lines = b.explain(score);
    if (lines.isEmpty()) {
      return;
    }
    h.append("<dl class=\"explain\" data-variant=\"").append(Html.escape(variant)).append("\">");
    for (Explanation e : lines) {
      h.append("<dt>").append(Html.escape(e.label())).append("</dt><dd>").append(Html.escape(e.text())).append("</dd>");
    }
    h.append("</dl>");
  }

  static String flip(Double before, Double after) {
    if (before == null || after == null || Math.abs(after - before) < 1e-12) {
      return "same";
    }
    return after > before ? "fixed" : "broken";
  }

  private static String image(Path file, Path outDir, boolean selfContained) throws IOException {
    if (selfContained) {
      return dataUrl(file);
    }
    Path rel = outDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
    StringBuilder sb = new StringBuilder();
    for (Path part : rel) {
      String seg = part.toString();
      sb.append(sb.length() > 0 ? "/" : "").append(seg.equals("..") ? seg
          : java.net.URLEncoder.encode(seg, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return Html.escape(sb.toString());
  }

  private static String dataUrl(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
  }

  private static final String CSS = "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
      + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;font-size:.9em}"
      + "td.num{text-align:right;font-variant-numeric:tabular-nums}tr.paper{color:#555;font-style:italic}"
      + "tr.differs{background:#fff3cd}tr.delta{color:#335}div.wide{max-width:100%;overflow-x:auto}.plumbing{color:#b00}figure{display:inline-block;margin:.3em;vertical-align:top}"
      + "figure img{max-width:256px;border:1px solid #ddd}figure.plot img{max-width:100%;width:900px}"
      + "td.settings{max-width:28em;font-size:.75em}.prompt{border-top:1px solid #eee;padding:.4em 0}"
      + ".flip.fixed{color:#070}.flip.broken{color:#b00}.flip.same{color:#888}pre{white-space:pre-wrap;max-width:40em}"
      + ".hidden{display:none}dl.explain{font-size:.75em;max-width:256px;margin:.2em 0}dl.explain dt{font-weight:600}"
      + "dl.explain dd{margin:0 0 .2em .6em;white-space:pre-wrap;max-height:12em;overflow:auto}"
      + ".turns{margin:.2em 0}.sample{font-size:.75em;color:#666;vertical-align:top}";

  /** Filters: by category, flip and text, from the controls and from the address (#cat=...&flip=...&q=...). */
  private static final String JS = "(function(){"
      + "function apply(sec){var c=sec.querySelector('.f-cat'),f=sec.querySelector('.f-flip'),"
      + "t=sec.querySelector('.f-q').value.toLowerCase();"
      + "sec.querySelectorAll('.prompt').forEach(function(p){"
      + "var ok=(!c.value||p.dataset.cat===c.value)&&(!f.value||p.dataset.flip===f.value)"
      + "&&(!t||p.dataset.text.indexOf(t)>=0);"
      + "p.classList.toggle('hidden',!ok);});}"
      + "var q=new URLSearchParams(location.hash.slice(1));"
      + "document.querySelectorAll('details.browser').forEach(function(sec){"
      + "var c=sec.querySelector('.f-cat'),f=sec.querySelector('.f-flip'),t=sec.querySelector('.f-q');"
      + "if(q.has('cat'))c.value=q.get('cat');if(q.has('flip'))f.value=q.get('flip');if(q.has('q'))t.value=q.get('q');"
      + "if(q.has('cat')||q.has('flip')||q.has('q'))sec.open=true;"
      + "c.addEventListener('change',function(){apply(sec);});f.addEventListener('change',function(){apply(sec);});"
      + "t.addEventListener('input',function(){apply(sec);});"
      + "apply(sec);});document.body.dataset.ready='1';})();";
}
