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

class MarkdownReportTest {
  @TempDir
  Path run;

  @Test
  void tablesFollowThePaperColumnsAndUserStringsAreEscaped() throws Exception {
    Files.writeString(run.resolve("summary.json"), """
        {"run": "<script>alert(1)</script> | *x*", "plumbing": false, "benchmarks": {
          "toy": {"status": "scored", "scorer": "s|1", "prompt_version": "v1", "variants": {
            "no-reflection": {"overall": 0.5, "n_prompts": 4, "n_images": 8, "ci95": [0.25, 0.75],
                              "categories": {"a": 0.125}, "failures": 1},
            "reflection": {"overall": 0.75, "n_prompts": 4, "n_images": 8, "ci95": null,
                           "categories": {"a": 1.0}, "failures": 0}},
            "effects": {"reflection": {"versus": "no-reflection", "delta": 0.25, "ci95": [0.0, 0.5], "p_bootstrap": 0.04}}},
          "other": {"status": "not scored", "reason": "no <b>adapter</b>"}}}
        """);
    String md = new MarkdownReport(new Registry(List.of(new ToyBenchmark(4, 2)), List.of(), List.of())).render(run, null);
    assertTrue(md.startsWith("# irg-eval report: &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\*"), md);
    assertFalse(md.contains("<script>") || md.contains("<b>"), md);
    assertTrue(md.contains("| Variant | A | Overall | 95% CI | prompts | images | failures |"), md);
    assertTrue(md.contains("| no-reflection | 0.13 | 0.50 | [0.25, 0.75] | 4 | 8 | 1 |"), md);
    assertTrue(md.contains("| reflection | 1.00 | 0.75 | n/a | 4 | 8 | 0 |"), md);
    assertTrue(md.contains("reflection vs no-reflection on the overall: +0.25 [+0.00, +0.50]"), md);
    assertTrue(md.contains("Not scored: no &lt;b&gt;adapter&lt;/b&gt;"), md);
  }

  @Test
  void escapeCoversMarkdownAndHtml() {
    assertEquals("a\\|b \\[c\\](d) &amp; &lt;e&gt; \\_f\\_ one line", Markdown.escape("a|b [c](d) & <e> _f_\none line"));
  }
}
