package org.irgeval.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptIdsTest {
  @Test
  void safeIdsStayAsTheyAre() {
    assertEquals("00012", PromptIds.safe("00012"));
    assertEquals("anime_012", PromptIds.safe("anime_012"));
  }

  @Test
  void unsafeCharactersAreReplacedAndDisambiguated() {
    String a = PromptIds.safe("a/b");
    String b = PromptIds.safe("a:b");
    assertTrue(a.startsWith("a_b~"), a);
    assertNotEquals(a, b, "two ids never collide after sanitising");
    assertTrue(PromptIds.safe("..").matches("[A-Za-z0-9._~-]+") && !PromptIds.safe("..").equals(".."));
    assertTrue(PromptIds.safe("x".repeat(300)).length() < 140);
  }

  @Test
  void variantNamesFollowTurns() {
    assertEquals("no-reflection", Variant.ofTurn(1));
    assertEquals("reflection", Variant.ofTurn(2));
    assertEquals("turn-4", Variant.ofTurn(4));
    assertEquals(4, Variant.turnOf("turn-4"));
  }
}
