package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.StringLength;

/** extract_yes_no and the text metrics on arbitrary input (docs/fuzzing.md): never throw, stay in range. */
class TiifReplyFuzzTest {
  @Property(seed = "2202", shrinking = ShrinkingMode.OFF)
  void answersAreOnlyYesOrNoAndNeverMoreThanTheLines(@ForAll @StringLength(max = 300) String reply) {
    List<String> a = TiifReplyParser.answers(reply);
    // Python's re.IGNORECASE matches the long s for s, and .lower() keeps it (TiifReplyParserTest)
    assertTrue(a.stream().allMatch(x -> x.equals("yes") || x.equals("no") || x.equals("ye\u017f")), a.toString());
    assertTrue(a.size() <= reply.split("\n", -1).length);
  }

  @Property(seed = "2203", shrinking = ShrinkingMode.OFF)
  void gnedAndRecallStayInRange(@ForAll @StringLength(max = 60) String ocr, @ForAll @StringLength(max = 40) String gt) {
    List<String> tokens = TiifTextMetrics.tokens(List.of(ocr));
    List<String> words = gt.isEmpty() ? List.of() : List.of(gt.split(" ", -1));
    double g = TiifTextMetrics.gned(tokens, words);
    assertTrue(g >= 0 && g <= 1 + 1e-12, "GNED " + g);
    double r = TiifTextMetrics.recall(tokens, words);
    assertTrue(words.isEmpty() ? Double.isNaN(r) : r >= 0 && r <= 1, "recall " + r);
  }
}
