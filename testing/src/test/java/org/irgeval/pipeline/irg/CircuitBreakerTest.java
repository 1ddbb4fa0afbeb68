package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.GenerationRequest;
import org.irgeval.api.Pipeline;
import org.irgeval.api.RunStopException;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker (docs/reliability.md): a run whose only endpoint died stops once every endpoint has been down
 * for {@code endpoint_down_s}, not after 25 trajectories that each waited {@code endpoint_wait_s} (44 minutes with
 * the defaults). Scaled down here (1 s); the defaults' figure is derived in {@link RetryPolicy}.
 */
class CircuitBreakerTest {
  @Test
  void aRunWhoseOnlyEndpointDiedStopsSayingWhy() throws Exception {
    Map<String, String> opts = new HashMap<>(MiniEngine.fastRetries());
    opts.put("cooldown_ms", "100");
    opts.put("max_cooldown_ms", "200");
    opts.put("endpoint_down_s", "1");
    opts.put("endpoint_wait_s", "1800"); // the old breaker would wait this long per trajectory
    try (IrgSimulator only = IrgSimulator.start(SimConfig.defaults().withName("only").withDieAfter(1));
         Pipeline p = MiniEngine.open("irg-paper", 2, 1, opts, only.uri())) {
      List<GenerationRequest> plan = MiniEngine.plan(5, 10, 1, 2);
      p.generate(plan.get(0)); // the endpoint answers once, then dies
      RunStopException e = assertThrows(RunStopException.class, () -> p.generate(plan.get(1)));
      assertTrue(e.getMessage().contains("every endpoint has been down for 1 s")
          && e.getMessage().contains("endpoint_down_s"), e.getMessage());
      // a later trajectory of the same run is refused at once: the pool has been down long enough
      assertThrows(RunStopException.class, () -> p.generate(plan.get(2)));
    }
  }

  @Test
  void theBreakerIsOnByDefault() {
    // 90 s down: with a 30 s first cool-down the dead endpoint is probed twice, and the run stops about 92 s after
    // it died (measured: docs/reliability.md)
    assertEquals(90, RetryPolicy.DEFAULT.downWait().toSeconds());
    assertEquals(90, IrgOptions.parse(Map.of(), null).retry().downWait().toSeconds());
  }
}
