package org.irgeval.benchmarks.wise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official parsers (gpt_eval.py l.56-76, vllm_eval.py l.64-74) on real-looking judge replies. */
class WiseReplyParserTest {
  private static Map<String, Double> legacy(String s) {
    return WiseReplyParser.legacy(s);
  }

  @Test
  void theOfficialThreeLineFormat() {
    assertEquals(Map.of("consistency", 2.0, "realism", 1.0, "aesthetic_quality", 0.0),
        legacy("Consistency: 2\nRealism: 1\nAesthetic Quality: 0"));
  }

  @Test
  void boldMarkupAndChatter() {
    String reply = "Sure! Here is my strict evaluation of the image.\n\n**Consistency**: 1\n"
        + "**Realism**: 2\n**Aesthetic Quality**: 1\n\nThe mooncakes are plausible but the lighting is off.";
    assertEquals(Map.of("consistency", 1.0, "realism", 2.0, "aesthetic_quality", 1.0), legacy(reply));
  }

  @Test
  void boldAroundTheColonIsMissedExactlyAsByTheOfficialRegex() {
    // "**Realism:** 2": after the colon come the closing stars, which the pattern does not allow. Python's
    // re.findall with the official pattern gives [('Consistency','1'), ('Aesthetic Quality','1')] (checked),
    // so the reply is partial and the protocol asks again.
    assertEquals(Map.of("consistency", 1.0, "aesthetic_quality", 1.0),
        legacy("**Consistency**: 1\n**Realism:** 2\n**Aesthetic Quality**: 1"));
  }

  @Test
  void fullWidthColonAsInThePaperTimeRelease() {
    assertEquals(Map.of("consistency", 2.0, "realism", 0.0, "aesthetic_quality", 1.0),
        legacy("Consistency\uFF1A2\nRealism\uFF1A 0\nAesthetic Quality \uFF1A1"));
  }

  @Test
  void caseInsensitiveAndTheLastMatchWins() {
    // A judge that restates the rubric and then answers: the final values count.
    String reply = "Consistency: 0 means rejected. Consistency: 2 means exemplary.\n"
        + "CONSISTENCY: 1\nrealism - 2\nRealism: 2\naesthetic quality: 1";
    // "realism - 2" does not match (only ':' or nothing between name and digit), "Realism: 2" does.
    assertEquals(Map.of("consistency", 1.0, "realism", 2.0, "aesthetic_quality", 1.0), legacy(reply));
  }

  @Test
  void missingFieldsGiveAPartialResultAndNoFallback() {
    // One key matched, so the bare-digit fallback is not consulted (gpt_eval.py l.63-64 returns early).
    assertEquals(Map.of("consistency", 2.0), legacy("Consistency: 2\n1\n0\n"));
    assertEquals(Map.of(), legacy("I cannot evaluate this image."));
    assertEquals(Map.of(), legacy(""));
    assertEquals(Map.of(), legacy(null));
  }

  @Test
  void theThreeLineDigitFallback() {
    assertEquals(Map.of("consistency", 2.0, "realism", 1.0, "aesthetic_quality", 0.0), legacy("2\n1\n0"));
    assertEquals(Map.of("consistency", 1.0, "realism", 1.0, "aesthetic_quality", 2.0),
        legacy("Scores:\n  1  \n1\n2\n0\n"));
    assertEquals(Map.of(), legacy("2\n1"), "fewer than three lines");
    assertEquals(Map.of(), legacy("2\n3\n1"), "3 is not a 0-2 line: only two lines qualify");
  }

  @Test
  void oneDigitIsReadLikeTheOfficialRegex() {
    // (\d) takes a single digit: "10" reads as 1, exactly as the official parser does.
    assertEquals(1.0, legacy("Consistency: 10").get("consistency"));
    // "Consistency (0-2): 2" does not match: a '(' stands between the name and the digit.
    assertEquals(Map.of("realism", 1.0), legacy("Consistency (0-2): 2\nRealism: 1"));
  }

  @Test
  void verifiedFirstMatchWinsAndBoldWorks() {
    assertEquals(Map.of("score", 1.0), WiseReplyParser.verified("Score: 1"));
    assertEquals(Map.of("score", 0.0), WiseReplyParser.verified("**Score**: 0\nScore: 1"));
    assertEquals(Map.of("score", 1.0), WiseReplyParser.verified("score\uFF1A1"));
    assertEquals(Map.of(), WiseReplyParser.verified("Score: 10"), "[01]\\b: 10 has no word boundary after 1");
    assertEquals(Map.of("score", 0.0), WiseReplyParser.verified("The answer is\n0\n"));
    assertEquals(Map.of(), WiseReplyParser.verified("1\n0"), "two bare lines are ambiguous");
  }

  @Test
  void verifiedStripsThinkBlocksFirst() {
    String raw = "<think>The plant should bend. Score: 0 would be wrong.</think>\n\nScore: 1  ";
    String stripped = WiseReplyParser.stripThink(raw);
    assertEquals("Score: 1", stripped);
    assertEquals(Map.of("score", 1.0), WiseReplyParser.verified(stripped));
    // A stray closing tag is removed alone, text before it stays (vllm_eval.py l.200), as in Python.
    assertEquals("reasoning...Score: 0", WiseReplyParser.stripThink("reasoning...</think>\nScore: 0"));
  }

  @Test
  void wiScoreIsCalculatePyLine8() {
    // (0.7*2 + 0.2*1 + 0.1*0) / 2 = (1.4 + 0.2) / 2 = 0.8
    assertEquals(0.8, WiScore.legacy(2, 1, 0), 1e-15);
    assertEquals(1.0, WiScore.legacy(2, 2, 2), 1e-15);
    assertEquals(0.05, WiScore.legacy(0, 0, 1), 1e-15);
  }
}
