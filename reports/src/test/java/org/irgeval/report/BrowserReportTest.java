package org.irgeval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.testkit.Chromium;
import org.irgeval.testkit.SystemTest;
import org.irgeval.testkit.ToyBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in headless Chromium (Debian's {@code chromium}, installed by .ci/run): the page's script
 * runs, a prompt holding {@code <script>} and {@code <img onerror>} runs nothing, and the filters set from the
 * address hide what they should. A screenshot is kept in {@code target/report-screenshot.png}.
 */
@SystemTest
class BrowserReportTest {
  @TempDir
  Path tmp;

  @Test
  void thePageRendersRunsNoInjectedScriptAndFiltersFromTheAddress() throws Exception {
    Chromium chromium = Chromium.find(tmp);
    ToyRuns runs = new ToyRuns(new ToyBenchmark(16, 1, ReportWriterTest.EVIL));
    // turn 1 with mistakes and a reflection that can fix them: the page has fixed and unchanged prompts
    Path run = runs.run(tmp.resolve("run"), 5, 0.4, 0.4);
    ReportWriter.Written w = new ReportWriter(runs.registry).write(List.of(run), tmp.resolve("out"), null, false);
    String url = w.html().toUri().toString();

    String dom = chromium.run("--dump-dom", url);
    assertTrue(dom.contains("data-ready=\"1\""), "the page's own script ran");
    assertFalse(dom.contains("data-pwned"), "no injected markup ran");
    assertTrue(dom.contains("&lt;script&gt;document.body.dataset.pwned"), "the prompt is shown as text");

    String filtered = chromium.run("--dump-dom", url + "#flip=fixed");
    Matcher m = Pattern.compile("<div class=\"prompt( hidden)?\" data-cat=\"[^\"]*\" data-flip=\"(\\w+)\"")
        .matcher(filtered);
    int shown = 0;
    int hidden = 0;
    while (m.find()) {
      boolean isHidden = m.group(1) != null;
      assertEquals(!m.group(2).equals("fixed"), isHidden, "only fixed prompts stay visible: " + m.group());
      shown += isHidden ? 0 : 1;
      hidden += isHidden ? 1 : 0;
    }
    assertEquals(16, shown + hidden);
    assertTrue(hidden > 0 && shown > 0, "the filter keeps the fixed prompts and hides the rest: " + shown);
    assertTrue(filtered.contains("<details class=\"browser\" open=\"\""), "a filter from the address opens the browser");

    // The search box, set from the address: only prompts whose id or text holds the words stay visible.
    String searched = chromium.run("--dump-dom", url + "#q=x*%207");
    Matcher q = Pattern.compile("<div class=\"prompt( hidden)?\" [^>]*data-text=\"([^\"]*)\"").matcher(searched);
    int found = 0;
    while (q.find()) {
      assertEquals(!q.group(2).contains("x* 7"), q.group(1) != null, q.group());
      found += q.group(1) == null ? 1 : 0;
    }
    assertEquals(1, found, "one prompt's text ends in 'x* 7'");

    Path shot = Path.of("target", "report-screenshot.png");
    Files.createDirectories(shot.getParent());
    chromium.run("--window-size=1280,1600", "--screenshot=" + shot.toAbsolutePath(), url + "#flip=same");
    assertTrue(Files.size(shot) > 10_000, "a screenshot of the report is kept as a test artifact");
  }
}
