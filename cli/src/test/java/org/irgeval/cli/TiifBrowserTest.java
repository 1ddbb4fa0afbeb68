package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.testkit.Chromium;
import org.irgeval.testkit.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image browser of a TIIF run in headless Chromium: a prompt found through the search box shows, under each of
 * its images, the benchmark's questions with the judge's answers.
 */
@SystemTest
class TiifBrowserTest {
  @TempDir
  Path tmp;

  @Test
  void aSearchedTiifPromptShowsItsQuestionsWithTheJudgesAnswers() throws Exception {
    Chromium chromium = Chromium.find(tmp);
    Path run = tmp.resolve("runs/tiif");
    assertEquals(0, CliTestSupport.run("run", "--benchmarks", "tiif", "--out", run.toString()).code());
    Path out = tmp.resolve("report");
    CliTestSupport.Result r = CliTestSupport.run("report", run.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String html = Files.readString(out.resolve("report.html"));
    Matcher first = Pattern.compile("data-text=\"([^\"]{12,})\"").matcher(html);
    assertTrue(first.find(), "the browser lists prompts");
    String words = first.group(1).substring(0, 12).replace("&#39;", "'").replace("&quot;", "\"")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");

    String dom = chromium.run("--dump-dom", out.resolve("report.html").toUri() + "#q="
        + URLEncoder.encode(words, StandardCharsets.UTF_8).replace("+", "%20"));
    Matcher visible = Pattern.compile("<div class=\"prompt\" [^>]*>(.*?)</div>\\n", Pattern.DOTALL).matcher(dom);
    assertTrue(visible.find(), "the searched prompt is visible");
    String prompt = visible.group(1);
    Matcher qa = Pattern.compile("<dt>([^<]+\\?)</dt><dd>judge: (yes|no)[^<]*</dd>", Pattern.CASE_INSENSITIVE)
        .matcher(prompt);
    assertTrue(qa.find(), "its questions with the judge's yes/no: " + prompt);
    assertTrue(dom.contains("class=\"prompt hidden\""), "the other prompts are hidden by the search");
  }
}
