package org.irgeval.benchmarks.genaibench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * P("Yes") from the first generated token's top log-probabilities: the GPT-4o VQAScore of t2v_metrics.
 *
 * <p>Candidates are taken best first. The harness's {@code JudgeReply} keeps them in a map whose order is not the
 * wire order, so they are re-sorted by log-probability (descending; equal values by token): the order the API
 * lists them in, except between exactly equal log-probabilities.
 */
enum YesProbability {
  /**
   * Default, the rule the GenAI-Bench issue states and t2v_metrics applied from 10d549b on for a "Yes" answer: the
   * first candidate whose {@code token.strip().lower()} is "yes" gives {@code exp(logprob)}; else the first "no"
   * gives {@code 1 - exp(logprob)}; else 0 (linzhiqiu/t2v_metrics@6ecb74f
   * t2v_metrics/models/vqascore_models/gpt4v_model.py l.179-199, which scans all candidates).
   */
  FIRST_YES("first-yes", "Does this figure show \"{}\"? Please answer Yes or No.", 1),
  /**
   * Exactly the current release (t2v_metrics@6ecb74f gpt4v_model.py l.185-190): the scan assigns on every match
   * without breaking, so the <em>last</em> listed "yes"-like candidate (the least likely one) wins; likewise for
   * "no". Differs from {@link #FIRST_YES} only when the top list holds several yes (or no) spellings.
   */
  LAST_MATCH("v3.1-last-match", FIRST_YES.template, 1),
  /**
   * The rule of the release that produced the GPT-4o reference table (added in 18d52e1,
   * genai_bench/model_performance_vqacore.md; gpt4v_model.py@18d52e1 l.10 template with lower-case "yes or no",
   * l.104-111: only the exact token "Yes" counts, else 0; no max_tokens sent, l.88-95).
   */
  EXACT_YES_2025_02("exact-yes-2025-02", "Does this figure show \"{}\"? Please answer yes or no.", null);

  /** top_logprobs of the official runs (genai_bench/evaluate.py l.29, passed on at l.115-116). */
  static final int TOP_LOGPROBS = 20;

  private final String id;
  private final String template;
  private final Integer maxTokens;

  YesProbability(String id, String template, Integer maxTokens) {
    this.id = id;
    this.template = template;
    this.maxTokens = maxTokens;
  }

  String id() {
    return id;
  }

  /** The question, {@code question_template.format(text)} (gpt4v_model.py l.231). */
  String question(String prompt) {
    return template.replace("{}", prompt);
  }

  String template() {
    return template;
  }

  /** max_tokens sent (gpt4v_model.py l.125-132: {@code max_new_tokens=1}), or null for none. */
  Integer maxTokens() {
    return maxTokens;
  }

  static Optional<YesProbability> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }

  static String[] ids() {
    return Arrays.stream(values()).map(YesProbability::id).toArray(String[]::new);
  }

  /** The outcome: the probability, the token that decided it (null when none did). */
  record Result(double p, String token, String decidedBy) {}

  Result apply(Map<String, Double> top) {
    List<Map.Entry<String, Double>> cands = new ArrayList<>(top.entrySet());
    cands.sort((a, b) -> {
      int c = Double.compare(b.getValue(), a.getValue());
      return c != 0 ? c : a.getKey().compareTo(b.getKey());
    });
    if (this == EXACT_YES_2025_02) {
      for (Map.Entry<String, Double> e : cands) {
        if (e.getKey().equals("Yes")) {
          return new Result(Math.exp(e.getValue()), e.getKey(), "yes");
        }
      }
      return new Result(0.0, null, "neither");
    }
    Map.Entry<String, Double> yes = null;
    Map.Entry<String, Double> no = null;
    for (Map.Entry<String, Double> e : cands) {
      String t = e.getKey().strip().toLowerCase(Locale.ROOT);
      if (t.equals("yes") && (yes == null || this == LAST_MATCH)) {
        yes = e;
      } else if (t.equals("no") && (no == null || this == LAST_MATCH)) {
        no = e;
      }
    }
    if (yes != null) {
      return new Result(Math.exp(yes.getValue()), yes.getKey(), "yes");
    }
    if (no != null) {
      return new Result(1 - Math.exp(no.getValue()), no.getKey(), "no");
    }
    return new Result(0.0, null, "neither");
  }
}
