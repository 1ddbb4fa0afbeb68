package org.irgeval.store.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Both fingerprint forms the scorers write, read by key (texts copied from a demo run's manifest). */
class FingerprintTest {
  @Test
  void keyValueFormWithSpacesInAValueAndAFlag() {
    String text = "genai-vqa-judge/1 model=plumbing-judge-not-a-model rule=first-yes template=Does this figure show"
        + " \"{}\"? Please answer Yes or No. max_tokens=1 top_logprobs=20 temperature=1.0 attempts=2 plumbing";
    Fingerprint f = Fingerprint.parse(text);
    assertEquals("genai-vqa-judge", f.id());
    assertEquals("1", f.version());
    assertEquals("Does this figure show \"{}\"? Please answer Yes or No.", f.facts().get("template"));
    assertEquals("1", f.facts().get("max_tokens"));
    assertEquals("true", f.facts().get("plumbing"));
    assertEquals(Optional.of("plumbing-judge-not-a-model"), f.judgeModel());
    assertEquals(text, f.text());
  }

  @Test
  void protocolAndJudgeProtocol() {
    Fingerprint tiif = Fingerprint.parse("tiif-judge/1 model=m protocol=deterministic temperature=0.0 plumbing");
    assertEquals(Optional.of("deterministic"), tiif.protocol());
    assertEquals(Optional.of("p2"), Fingerprint.parse("x/2 judge_protocol=p2").protocol());
    assertEquals(Optional.empty(), Fingerprint.parse("x/2 model=a").protocol());
  }

  @Test
  void nestedJudgesPerPartGiveTheirModels() {
    Fingerprint f = Fingerprint.parse("oneig-plumbing/1 alignment=judge(model=a,temperature=0,max_tokens=128)"
        + " text=judge-ocr(model=a,max_tokens=128|256,attempts=1) reasoning=plumbing(thumbnail-cosine) plumbing");
    assertEquals("judge(model=a,temperature=0,max_tokens=128)", f.facts().get("alignment"));
    assertEquals("128|256", f.facts().get("text.max_tokens"));
    assertEquals(Optional.of("a"), f.judgeModel());
    assertEquals(Optional.of("a, b"), Fingerprint.parse("o/1 x=judge(model=a) y=judge(model=b)").judgeModel());
  }

  @Test
  void pipeForm() {
    Fingerprint f = Fingerprint.parse("geneval-plumbing|rules{threshold=0.3,counting_threshold=0.9}|classes=d765"
        + "|detector{reference-scene-reader}colors{reference-palette-mean}");
    assertEquals("geneval-plumbing", f.id());
    assertEquals("", f.version());
    assertEquals("threshold=0.3,counting_threshold=0.9", f.facts().get("rules"));
    assertEquals("d765", f.facts().get("classes"));
    assertEquals("reference-scene-reader", f.facts().get("detector"));
    assertEquals("reference-palette-mean", f.facts().get("colors"));
    assertEquals(Optional.empty(), f.judgeModel());
  }
}
