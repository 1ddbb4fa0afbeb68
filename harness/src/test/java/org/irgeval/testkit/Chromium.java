package org.irgeval.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium}, installed by .ci/run) for the browser tests of report.html. Without
 * it a test is skipped, unless {@code IRG_EVAL_REQUIRE_DATA=1} (CI), where it fails.
 *
 * @param binary  the browser
 * @param workDir where its profile and log go
 */
public record Chromium(Path binary, Path workDir) {
  /** The browser, or the test is skipped (failed under IRG_EVAL_REQUIRE_DATA=1). */
  public static Chromium find(Path workDir) {
    for (String c : List.of(System.getenv().getOrDefault("CHROMIUM", ""), "/usr/bin/chromium",
        "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (!c.isEmpty() && Files.isExecutable(Path.of(c))) {
        return new Chromium(Path.of(c), workDir);
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

  /** Runs the browser headless with {@code args} (e.g. --dump-dom URL) and returns its standard output. */
  public String run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + workDir.resolve("profile"), "--virtual-time-budget=3000"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(workDir.resolve("chromium.log").toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish");
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
