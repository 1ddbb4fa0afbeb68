package org.irgeval.run;

import java.util.Map;
import org.irgeval.api.JudgeFactory;

/** The run's judge client: opens judges for scorers, and reports its usage (requests, cache hits, tokens, cost). */
public interface JudgeBackend extends JudgeFactory, AutoCloseable {
  /** Usage for {@code summary.json}; never contains the API key. */
  Map<String, Object> usage();

  /** Models opened so far (recorded in the manifest). */
  java.util.Set<String> models();

  @Override
  void close();
}
