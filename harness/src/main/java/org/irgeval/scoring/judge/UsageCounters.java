package org.irgeval.scoring.judge;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Thread-safe per-model counters behind {@link JudgeUsage}. */
final class UsageCounters {
  private static final class Counters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong promptTokens = new AtomicLong();
    final AtomicLong completionTokens = new AtomicLong();
  }

  private final Map<String, Counters> byModel = new ConcurrentHashMap<>();
  private final JudgeConfig config;

  UsageCounters(JudgeConfig config) {
    this.config = config;
  }

  private Counters of(String model) {
    return byModel.computeIfAbsent(model, m -> new Counters());
  }

  void sent(String model) {
    of(model).requests.incrementAndGet();
  }

  void cacheHit(String model) {
    of(model).cacheHits.incrementAndGet();
  }

  void retry(String model) {
    of(model).retries.incrementAndGet();
  }

  void failure(String model) {
    of(model).failures.incrementAndGet();
  }

  void tokens(String model, int prompt, int completion) {
    Counters c = of(model);
    c.promptTokens.addAndGet(prompt);
    c.completionTokens.addAndGet(completion);
  }

  JudgeUsage snapshot() {
    Map<String, JudgeUsage.ModelUsage> models = new TreeMap<>();
    long req = 0, hits = 0, retries = 0, fails = 0, pt = 0, ct = 0;
    for (Map.Entry<String, Counters> e : new TreeMap<>(byModel).entrySet()) {
      Counters c = e.getValue();
      JudgeUsage.ModelUsage m = new JudgeUsage.ModelUsage(c.requests.get(), c.cacheHits.get(), c.retries.get(),
          c.failures.get(), c.promptTokens.get(), c.completionTokens.get(),
          cost(c.promptTokens.get(), c.completionTokens.get()));
      models.put(e.getKey(), m);
      req += m.requests();
      hits += m.cacheHits();
      retries += m.retries();
      fails += m.failures();
      pt += m.promptTokens();
      ct += m.completionTokens();
    }
    return new JudgeUsage(config.baseUrl().toString(), req, hits, retries, fails, pt, ct, cost(pt, ct), models);
  }

  private Double cost(long promptTokens, long completionTokens) {
    if (!config.hasPrices()) {
      return null;
    }
    double p = config.promptPricePerMTok() == null ? 0 : config.promptPricePerMTok();
    double c = config.completionPricePerMTok() == null ? 0 : config.completionPricePerMTok();
    return promptTokens / 1e6 * p + completionTokens / 1e6 * c;
  }
}
