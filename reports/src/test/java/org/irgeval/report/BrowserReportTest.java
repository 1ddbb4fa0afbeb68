package org.irgeval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.testkit.ToyBenchmark;
import org.junit.jupiter.api.Assumptions;
import org.irgeval.testkit.SystemTest;
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

  private static Path chromium() {
    for (String c : List.of(System.getenv().getOrDefault("CHROMIUM", ""), "/usr/bin/chromium",
        "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (!c.isEmpty() && Files.isExecutable(Path.of(c))) {
        return Path.of(c);
      }
    }
    String msg = "no Chromium (apt-get install chromium, or set CHROMIUM): the browser test of report.html is skipped";
    if ("1".equals(System.getenv("IRG_EVAL_REQUIRE_DATA"))) {
      fail(msg + " (IRG_EVAL_REQUIRE_DATA=1)");
    }
    System.err.println("[irg-eval tests] SKIPPING " + msg);
    Assumptions.abort(msg);
    return null;
  }

  private String run(Path chromium, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + tmp.resolve("profile"), "--virtual-time-budget=3000"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.log").toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish");
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void thePageRendersRunsNoInjectedScriptAndFiltersFromTheAddress() throws Exception {
    Path chromium = chromium();
    ToyRuns runs = new ToyRuns(new ToyBenchmark(16, 1, ReportWriterTest.EVIL));
    // turn 1 with mistakes and a reflection that can fix them: the page has fixed and unchanged prompts
    Path run = runs.run(tmp.resolve("run"), 5, 0.4, 0.4);
    ReportWriter.Written w = new ReportWriter(runs.registry).write(List.of(run), tmp.resolve("out"), null, false);
    String url = w.html().toUri().toString();

    String dom = run(chromium, "--dump-dom", url);
    assertTrue(dom.contains("data-ready=\"1\""), "the page's own script ran");
    assertFalse(dom.contains("data-pwned"), "no injected markup ran");
    assertTrue(dom.contains("&lt;script&gt;document.body.dataset.pwned"), "the prompt is shown as text");

    String filtered = run(chromium, "--dump-dom", url + "#flip=fixed");
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

    Path shot = Path.of("target", "report-screenshot.png");
    Files.createDirectories(shot.getParent());
    run(chromium, "--window-size=1280,1600", "--screenshot=" + shot.toAbsolutePath(), url + "#flip=same");
    assertTrue(Files.size(shot) > 10_000, "a screenshot of the report is kept as a test artifact");
  }
}
