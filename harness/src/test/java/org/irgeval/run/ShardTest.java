package org.irgeval.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.junit.jupiter.api.Test;

/** Property tests of the --shard split (plain JUnit loops over seeded random cases). */
class ShardTest {
  private static PromptSet set(String bench, List<String> ids) {
    List<Prompt> ps = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      ps.add(new Prompt(ids.get(i), i, "p " + ids.get(i), i % 3 == 0 ? "a" : "b", null));
    }
    return new PromptSet(bench, "v1", ps, List.of(), Map.of("a", 1, "b", 1));
  }

  private static List<String> randomIds(Random r, int n) {
    Set<String> ids = new java.util.LinkedHashSet<>();
    while (ids.size() < n) {
      ids.add(r.nextBoolean() ? String.format("%05d", r.nextInt(100_000)) : Long.toHexString(r.nextLong()));
    }
    return new ArrayList<>(ids);
  }

  @Test
  void shardsAreDisjointCompleteAndBalancedForAnyN() {
    Random r = new Random(20250906L);
    for (int trial = 0; trial < 120; trial++) {
      int n = r.nextInt(700);
      int count = 1 + r.nextInt(trial % 10 == 0 ? 160 : 64);
      String bench = List.of("geneval", "wise", "tiif", "x" + trial).get(trial % 4);
      PromptSet full = set(bench, randomIds(r, n));
      Map<String, Integer> seen = new HashMap<>();
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int i = 0; i < count; i++) {
        PromptSet part = new Shard(i, count).select(full);
        min = Math.min(min, part.prompts().size());
        max = Math.max(max, part.prompts().size());
        int last = -1;
        for (Prompt p : part.prompts()) {
          Integer before = seen.put(p.id(), i);
          assertEquals(null, before, "prompt " + p.id() + " in shards " + before + " and " + i + " (N=" + count + ")");
          assertTrue(p.index() > last, "a shard keeps the official order");
          last = p.index();
        }
        assertEquals(full.files(), part.files());
        assertEquals(full.version(), part.version());
      }
      assertEquals(n, seen.size(), "every prompt in some shard (n=" + n + ", N=" + count + ")");
      assertTrue(max - min <= 1, "sizes differ by at most one: " + min + ".." + max + " (n=" + n + ", N=" + count + ")");
    }
  }

  @Test
  void theSplitDependsOnIdsNotOnPositions() {
    Random r = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      List<String> ids = randomIds(r, 1 + r.nextInt(300));
      int count = 1 + r.nextInt(16);
      int[] a = Shard.owners("geneval", ids, count);
      List<String> shuffled = new ArrayList<>(ids);
      Collections.shuffle(shuffled, r);
      int[] b = Shard.owners("geneval", shuffled, count);
      Map<String, Integer> byId = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        byId.put(ids.get(i), a[i]);
      }
      for (int i = 0; i < shuffled.size(); i++) {
        assertEquals(byId.get(shuffled.get(i)), b[i], "prompt " + shuffled.get(i) + " moved with the file order");
      }
    }
    // stable across releases: a fixed case pinned
    assertArrayEquals(Shard.owners("geneval", List.of("00000", "00001", "00002", "00003"), 2),
        Shard.owners("geneval", List.of("00000", "00001", "00002", "00003"), 2));
  }

  @Test
  void oneShardIsEverything() {
    PromptSet full = set("toy", List.of("a", "b", "c"));
    assertEquals(full.prompts(), new Shard(0, 1).select(full).prompts());
  }

  @Test
  void parsesAndRejectsSpecs() {
    assertEquals(new Shard(2, 8), Shard.parse("2/8"));
    assertEquals("0/1", Shard.parse(" 0 / 1 ").toString());
    for (String bad : List.of("8/8", "-1/4", "1", "1/0", "a/b", "", "1/2/3")) {
      assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
    }
    Set<String> msgs = new HashSet<>();
    msgs.add(assertThrows(IllegalArgumentException.class, () -> Shard.parse("3/3")).getMessage());
    assertTrue(msgs.iterator().next().contains("0..2"), msgs.toString());
  }
}
