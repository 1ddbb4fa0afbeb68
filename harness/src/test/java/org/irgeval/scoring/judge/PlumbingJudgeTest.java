package org.irgeval.scoring.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.ComputeDevice;
import org.irgeval.api.Judge;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScoringInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlumbingJudge#openScorer}: the one way plumbing providers open their scorer. Two of the four copies it
 * replaced ({@code wise-plumbing}, {@code genai-bench-plumbing}) left the loopback server running when opening the
 * scorer failed; the server's dispatcher thread is the observable (HttpServer.stop joins it).
 */
class PlumbingJudgeTest {
  @TempDir
  Path tmp;

  private ScorerContext context() {
    return new ScorerContext(tmp, Map.of(), tmp.resolve("cache"), Optional.empty(), null, 1, ComputeDevice.CPU);
  }

  private static long dispatchers() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive()
        && t.getName().equals("HTTP-Dispatcher")).count();
  }

  private static final LoopbackJudgeServer.Answerer ANSWERER = request -> {
    throw new IllegalStateException("not asked");
  };

  @Test
  void aFailedOpenStopsTheServer() {
    long before = dispatchers();
    IOException thrown = new IOException("templates unreadable");
    IOException e = assertThrows(IOException.class, () -> PlumbingJudge.openScorer(context(), ANSWERER, judge -> {
      assertEquals(before + 1, dispatchers(), "the server runs while the scorer opens");
      throw thrown;
    }));
    assertSame(thrown, e);
    assertEquals(before, dispatchers(), "the loopback server was left running");
  }

  @Test
  void theScorerOwnsTheServerAndAsksItThroughThePlumbingModel() throws Exception {
    long before = dispatchers();
    Judge[] seen = new Judge[1];
    Scorer s = PlumbingJudge.openScorer(context(), ANSWERER, judge -> {
      seen[0] = judge;
      return new Scorer() {
        @Override
        public String fingerprint() {
          return "x model=" + judge.model();
        }

        @Override
        public ScoreOutcome score(ScoringInput input) {
          throw new UnsupportedOperationException();
        }
      };
    });
    assertEquals(PlumbingJudge.MODEL, seen[0].model());
    assertEquals("x model=" + PlumbingJudge.MODEL, s.fingerprint());
    assertEquals(before + 1, dispatchers());
    s.close();
    assertEquals(before, dispatchers(), "closing the scorer stops the server");
  }
}
