package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** extract_yes_no (eval_with_vlm.py l.164-175), quirks included. */
class TiifReplyParserTest {
  @Test
  void linesStartingWithYesOrNoCountInOrder() {
    assertEquals(List.of("yes", "no", "yes"), TiifReplyParser.answers("Yes, there is a cat.\n\nNO.\n  yes: it is red  "));
    assertEquals(List.of("yes", "no"), TiifReplyParser.answers("yes\r\nno\r\n"));
  }

  @Test
  void markdownNumberingAndWordsThatMerelyStartWithYesOrNoDoNot() {
    assertEquals(List.of(), TiifReplyParser.answers("**Yes**\n1. yes\n- no\nYesterday\nNothing here\nnote"));
    assertEquals(List.of(), TiifReplyParser.answers("yes_no"));
  }

  @Test
  void chatterThatStartsWithYesIsCountedAsOfficially() {
    assertEquals(List.of("yes", "no", "yes"), TiifReplyParser.answers("Yes, here are my answers:\nno\nyes"));
  }

  @Test
  void pythonWhitespaceIsStripped() {
    assertEquals(List.of("no"), TiifReplyParser.answers("\u00a0\u2007no\u202f"));
    assertEquals("a", TiifReplyParser.pyStrip("\u0085 a \u3000"));
  }
}
