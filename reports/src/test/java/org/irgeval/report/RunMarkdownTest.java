package org.irgeval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.run.Registry;
import org.irgeval.testkit.ToyBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code RUN/report.md}: the one Markdown renderer on one run, here one written by hand with only a summary. */
class RunMarkdownTest {
  @TempDir
  Path tmp;

  @Test
  void tablesFollowThePaperColumnsNotesAndEffectsAreShownAndUserStringsAreEscaped() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("ckpt"));
    Files.writeString(run.resolve("summary.json"), """
        {"run": "ckpt", "plumbing": false, "benchmarks": {
          "toy": {"status": "scored", "scorer": "s|1", "prompt_version": "v1", "variants": {
            "no-reflection": {"overall": 0.5, "n_prompts": 4, "n_images": 8, "ci95": [0.25, 0.75],
                              "categories": {"a": 0.125}, "failures": 1},
            "reflection": {"overall": null, "n_prompts": 4, "n_images": 8, "ci95": null,
                           "categories": {"a": 1.0}, "failures": 0, "extra": {"overall_on_scored": 0.75},
                           "notes": ["overall withheld: <script>alert(1)</script> 2 ids missing"]}},
            "effects": {"reflection": {"versus": "no-reflection", "delta": 0.25, "ci95": [0.0, 0.5], "p_bootstrap": 0.04}}},
          "other": {"status": "not scored", "reason": "no <b>adapter</b>"}}}
        """);
    Path written = new ReportWriter(new Registry(List.of(new ToyBenchmark(4, 2)), List.of(), List.of()))
        .writeRunMarkdown(run, null);
    String md = Files.readString(written);
    assertTrue(md.startsWith("# irg-eval report: ckpt\n"), md);
    assertFalse(md.contains("<script>") || md.contains("<b>"), md);
    assertTrue(md.contains("| Run | Variant | A | Overall | 95% CI | prompts | images | failures | settings |"), md);
    assertTrue(md.contains("| ckpt | no-reflection | 0.13 | 0.50 | [0.25, 0.75] | 4 | 8 | 1 | prompts=v1; scorer=s\\|1 |"),
        md);
    assertTrue(md.contains("| ckpt | reflection | 1.00 | – | n/a | 4 | 8 | 0 |"), md);
    assertTrue(md.contains("- ckpt / reflection: the official overall is withheld (see the notes); preview on the"
        + " scored prompts only: 0.75"), md);
    assertTrue(md.contains("- ckpt / reflection: overall withheld: &lt;script&gt;alert(1)&lt;/script&gt; 2 ids"), md);
    assertTrue(md.contains("- ckpt: reflection vs no-reflection on the overall: +0.25 \\[+0.00, +0.50\\]"), md);
    assertTrue(md.contains("- ckpt: other not scored: no &lt;b&gt;adapter&lt;/b&gt;"), md);
  }

  @Test
  void escapeCoversMarkdownAndHtml() {
    assertEquals("a\\|b \\[c\\](d) &amp; &lt;e&gt; \\_f\\_ one line", Markdown.escape("a|b [c](d) & <e> _f_\none line"));
  }
}
