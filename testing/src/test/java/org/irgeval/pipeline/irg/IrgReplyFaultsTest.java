package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.Generation;
import org.irgeval.api.Pipeline;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.LoggedRequest;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.testkit.SystemTest;
import org.irgeval.util.PngCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each fault a broken server can send instead of an answer (SimConfig.FAILURE_CODES beyond the error answers) is
 * an endpoint failure of the IRG client, retried and finally a transient generation failure, never a generation:
 * a reset connection, a body trickling past the timeout, an answer past the timeout, a PNG cut inside IDAT, a JPEG,
 * a PNG of the wrong size (checked on the decoded image against the request's size), junk JSON in a 200.
 */
class IrgReplyFaultsTest {
  private static Map<String, String> opts() {
    Map<String, String> o = new HashMap<>(MiniEngine.fastRetries());
    o.put("max_attempts", "2");
    o.put("take_out_after", "100");
    o.put("request_timeout_s", "1");
    return o;
  }

  @ParameterizedTest
  @ValueSource(strings = {"reset", "truncated_png", "not_png", "wrong_size", "junk_json"})
  void everyFaultKindIsARetriedEndpointFailureNeverAGeneration(String kind) throws Exception {
    aRetriedEndpointFailure(kind);
  }

  /** The two faults that wait out the real 1 s request timeout (2 sizes x 2 attempts each): the system tier. */
  @SystemTest
  @ParameterizedTest
  @ValueSource(strings = {"slow_body", "timeout"})
  void timeoutFaultsAreRetriedEndpointFailuresNeverAGeneration(String kind) throws Exception {
    aRetriedEndpointFailure(kind);
  }

  private static void aRetriedEndpointFailure(String kind) throws Exception {
    for (int side : new int[] {0, 64}) { // pictures of the requested size, and the simulator's 64x64 plumbing ones
      SimConfig c = SimConfig.defaults().withImageSize(side).withFaultDelayMs(1500)
          .withFailures(Map.of(kind, 1.0));
      try (IrgSimulator sim = IrgSimulator.start(c);
           Pipeline p = MiniEngine.open("irg-paper", 2, 1, opts(), sim.uri())) {
        TrajectoryFailedException e = assertThrows(TrajectoryFailedException.class,
            () -> p.generate(MiniEngine.request(1, "geneval", "7", "a cat", 0, 2)), kind);
        assertTrue(e.isTransient(), kind + ": " + e.getMessage());
        assertTrue(e.lastCode() == ErrorCode.NETWORK || e.lastCode() == ErrorCode.INTERNAL, kind + ": " + e.lastCode());
        List<LoggedRequest> log = sim.trajectoryLog();
        assertEquals(2, log.size(), "both attempts made: " + log);
        assertTrue(log.stream().allMatch(r -> r.outcome().equals(kind)), log.toString());
        if (kind.equals("wrong_size")) {
          assertTrue(e.getMessage().contains("expected 1024x1024"), e.getMessage());
        }
      }
    }
  }

  @Test
  void requestedSizePicturesPassAndEveryFaultIsDrawnWithItsRate() throws Exception {
    SimConfig c = SimConfig.defaults().withImageSize(0).withSeed(5);
    try (IrgSimulator sim = IrgSimulator.start(c);
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, opts(), sim.uri())) {
      Generation g = p.generate(MiniEngine.request(1, "geneval", "7", "a cat", 0, 2));
      for (var t : g.turns()) {
        var img = PngCheck.decode(t.png());
        assertEquals(1024, img.getWidth());
        assertEquals(1024, img.getHeight());
      }
    }
    Map<String, Double> rates = SimConfig.parseFailureRates("reset=0.1,junk_json=0.1,wrong_size=0.1,busy=0.1");
    assertEquals(4, rates.size());
    assertThrows(IllegalArgumentException.class, () -> SimConfig.defaults().withFailures(Map.of("gremlins", 0.1)));
  }

  @Test
  void decodedSizeMustBeTheRequestedOneOrForASimulatorAWholeNumberScaleOfIt() {
    assertTrue(IrgPipeline.sizeFits(1024, 1024, 1024, 1024, false));
    assertFalse(IrgPipeline.sizeFits(64, 64, 1024, 1024, false), "a model draws the requested size");
    assertFalse(IrgPipeline.sizeFits(768, 1024, 1024, 1024, false));
    assertTrue(IrgPipeline.sizeFits(64, 64, 1024, 1024, true), "the simulator's plumbing thumbnails");
    assertTrue(IrgPipeline.sizeFits(256, 256, 1024, 1024, true));
    assertFalse(IrgPipeline.sizeFits(48, 64, 1024, 1024, true), "another shape");
    assertFalse(IrgPipeline.sizeFits(768, 1024, 1024, 1024, true));
    assertFalse(IrgPipeline.sizeFits(100, 100, 1024, 1024, true), "not a whole-number scale");
  }
}
