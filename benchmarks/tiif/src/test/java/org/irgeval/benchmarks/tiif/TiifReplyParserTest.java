package org.irgeval.benchmarks.tiif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
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

  /**
   * 42 edge strings and what the official {@code extract_yes_no} (eval_with_vlm.py l.164-175, run unchanged with
   * Debian bookworm's /usr/bin/python3 3.11.2, unicodedata 14.0.0, on 2026-12-07) returns for each. Before the fix
   * (Java's {@code \\b} with UNICODE_CHARACTER_CLASS) 16 of them differed: combining marks (Mn/Mc/Me), ZWJ/ZWNJ and
   * connector punctuation after yes/no were word characters in Java, not in Python; No numerics (superscripts,
   * fractions, circled digits) the other way round.
   */
  @Test
  void the42UnicodeEdgeStringsGivePythonsAnswers() {
    List<Map.Entry<String, List<String>>> cases = List.of(
        Map.entry("yes\u0301", List.of("yes")),
        Map.entry("no\u0301", List.of("no")),
        Map.entry("yes\u0903", List.of("yes")),
        Map.entry("no\u20dd", List.of("no")),
        Map.entry("yes\u0345", List.of("yes")),
        Map.entry("yes\u0332", List.of("yes")),
        Map.entry("yes\u200d", List.of("yes")),
        Map.entry("no\u200c", List.of("no")),
        Map.entry("yes\u203f", List.of("yes")),
        Map.entry("no\uff3f", List.of("no")),
        Map.entry("yes_", List.of()),
        Map.entry("yes\u00b2", List.of()),
        Map.entry("no\u00bd", List.of()),
        Map.entry("yes\u2460", List.of()),
        Map.entry("no\u0bf0", List.of()),
        Map.entry("yes\u2070", List.of()),
        Map.entry("yes\ud83c\udd0c", List.of()),
        Map.entry("no\u2167", List.of()),
        Map.entry("yes\u16ee", List.of()),
        Map.entry("no\ud800\udf48", List.of()),
        Map.entry("yes\u0663", List.of()),
        Map.entry("yes\ud835\udfd8", List.of()),
        Map.entry("no\uff11", List.of()),
        Map.entry("yes\u4e00", List.of()),
        Map.entry("yes\u00e9", List.of()),
        Map.entry("yes\u02b0", List.of()),
        Map.entry("no\u01c5", List.of()),
        Map.entry("no\u0130", List.of()),
        Map.entry("yes\u00ad", List.of("yes")),
        Map.entry("yes\u200b", List.of("yes")),
        Map.entry("yes\ufeff", List.of("yes")),
        Map.entry("yes\u00a0no", List.of("yes")),
        Map.entry("yes\ud83d\ude00", List.of("yes")),
        Map.entry("no\u2028yes", List.of("no")),
        Map.entry("yes\u0085", List.of("yes")),
        Map.entry("yes\u3000", List.of("yes")),
        Map.entry("\u200byes", List.of()),
        Map.entry("ye\u017f", List.of("ye\u017f")),
        Map.entry("YE\u017f, it is", List.of("ye\u017f")),
        Map.entry("\uff59\uff45\uff53", List.of()),
        Map.entry("yes\u2019s", List.of("yes")),
        Map.entry("No\u2010it", List.of("no"))
    );
    assertEquals(42, cases.size());
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, List<String>> c : cases) {
      List<String> got = TiifReplyParser.answers(c.getKey());
      if (!got.equals(c.getValue())) {
        wrong.add(c.getKey().codePoints().mapToObj(cp -> String.format("U+%04X", cp)).toList() + " -> " + got
            + ", Python " + c.getValue());
      }
    }
    assertEquals(List.of(), wrong);
  }

  /**
   * The word-character predicate equals Python's {@code ch.isalnum() or ch == '_'} on every code point that both
   * this JVM and the Python that wrote python-word-chars.txt (python_word_chars.py beside it) assign.
   */
  @Test
  void wordCharactersArePythonsOnEveryCodePoint() throws Exception {
    BitSet word = new BitSet();
    BitSet assigned = new BitSet();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("python-word-chars.txt"), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        (f[0].equals("W") ? word : assigned).set(Integer.parseInt(f[1], 16), Integer.parseInt(f[2], 16) + 1);
      }
    }
    int compared = 0;
    List<String> differ = new ArrayList<>();
    for (int cp = 0; cp < 0x110000; cp++) {
      if (!assigned.get(cp) || !Character.isDefined(cp)) {
        continue;
      }
      compared++;
      if (TiifReplyParser.pyWord(cp) != word.get(cp)) {
        differ.add(String.format("U+%04X", cp));
      }
    }
    assertTrue(compared > 280_000, "compared " + compared);
    assertEquals(List.of(), differ);
  }
}
