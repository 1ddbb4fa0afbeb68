package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.irgeval.testkit.SystemTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped by a signal says what it kept and the command that resumes, as a child process really sees it. */
@SystemTest // a child JVM signalled while it works
class InterruptTest {
  @TempDir
  Path tmp;

  @Test
  void aSignalledRunSaysWhatWasKeptAndHowToResume() throws Exception {
    Path run = tmp.resolve("run");
    Path err = tmp.resolve("err.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "run", "--out", run.toString())
        .redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile()).start();
    try {
      // wait until it has stored work (the demo takes far longer than this to finish), then signal it
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      Path journal = run.resolve("trajectories.jsonl");
      while (p.isAlive() && System.nanoTime() < deadline
          && !(Files.exists(journal) && Files.size(journal) > 0)) {
        Thread.sleep(50);
      }
      assertTrue(p.isAlive(), "still running when signalled: " + Files.readString(err));
      p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C's SIGINT
      assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    } finally {
      p.destroyForcibly();
    }
    String said = Files.readString(err);
    assertTrue(said.contains("irg-eval: interrupted. Kept in " + run), said);
    assertTrue(said.contains("irg-eval run --out " + run), "the command that resumes: " + said);
  }
}
