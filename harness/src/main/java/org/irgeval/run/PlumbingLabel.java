package org.irgeval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.irgeval.api.ScoreOutcome;
import org.irgeval.api.Scorer;
import org.irgeval.api.ScorerContext;
import org.irgeval.api.ScorerProvider;
import org.irgeval.api.ScoringInput;
import org.irgeval.util.Json;

/**
 * The engine's label on a plumbing scorer ({@link org.irgeval.api.ScorerDescription.Kind#PLUMBING}), written here
 * once instead of in every adapter: every score's detail starts with {@code "plumbing": true} and
 * {@code "plumbing_note"} (the provider's description, which says what the numbers are not), and the fingerprint
 * says {@code plumbing}, so a plumbing check can never pass for a model's score.
 *
 * @param inner the provider's scorer
 * @param id    the provider's id
 * @param note  the provider's description
 */
public record PlumbingLabel(Scorer inner, String id, String note) implements Scorer {
  /**
   * Opens {@code provider}'s scorer as the engine does: labelled when it is a plumbing provider (tests of a
   * plumbing provider open it this way to see what a run stores).
   */
  public static Scorer open(ScorerProvider provider, ScorerContext context) throws Exception {
    Scorer scorer = provider.open(context);
    return provider.plumbing() ? new PlumbingLabel(scorer, provider.id(), provider.description()) : scorer;
  }

  /**
   * The inner fingerprint followed by {@code " plumbing"}, as the judge scorers wrote it before the label moved
   * here; a fingerprint that already starts with the plumbing provider's id and {@code |} (the form of the rule
   * scorers, which never had the suffix) names it already and stays as stored, so its old runs still resume.
   */
  @Override
  public String fingerprint() {
    String f = inner.fingerprint();
    return f.endsWith(" plumbing") || f.startsWith(id + "|") ? f : f + " plumbing";
  }

  @Override
  public int concurrency() {
    return inner.concurrency();
  }

  @Override
  public ScoreOutcome score(ScoringInput input) throws Exception {
    ScoreOutcome o = inner.score(input);
    return new ScoreOutcome(o.values(), label(o.detail()), o.raw(), o.error());
  }

  private JsonNode label(JsonNode detail) {
    ObjectNode d = Json.mapper().createObjectNode();
    d.put("plumbing", true);
    d.put("plumbing_note", note);
    if (detail instanceof ObjectNode o) {
      o.fields().forEachRemaining(e -> {
        if (!d.has(e.getKey())) {
          d.set(e.getKey(), e.getValue());
        }
      });
    } else if (detail != null && !detail.isNull()) {
      d.set("detail", detail);
    }
    return d;
  }

  @Override
  public void close() throws Exception {
    inner.close();
  }
}
