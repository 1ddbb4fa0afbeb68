package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/** The shipped presets: the values, every value cited, the turn-2 CFG discrepancy as its own preset. */
class PresetTest {
  @Test
  void everyPresetLoadsWithEveryValueCited() {
    for (String name : Preset.NAMES) {
      Preset p = Preset.load(name); // load() refuses uncited values
      assertEquals(name, p.name());
      assertTrue(p.sources().values().stream().allMatch(s -> s.matches(".*:\\d+.*") || s.contains("paper")),
          name + ": every citation names a line (or the paper): " + p.sources());
    }
  }

  @Test
  void irgPaperHasTheReleasedCodesValues() {
    Preset p = Preset.load("irg-paper");
    assertEquals(Mode.IRG, p.mode());
    assertEquals(2, p.defaultTurns());
    assertEquals(1024, p.width());
    assertEquals(1024, p.height());
    assertEquals(new ThinkParams(0.3, 4096), p.think());
    assertEquals("irg_two_turn_system_prompt.txt", p.systemPrompt());
    assertEquals(new TurnParams(50, 4.0, 1.0, List.of(0.4, 1.0), "global", 0.0, 3.0), p.turnParams().get(0));
    assertEquals(new TurnParams(50, 4.0, 2.0, List.of(0.0, 1.0), "text_channel", 0.0, 3.0), p.turnParams().get(1));
    assertTrue(p.notes().stream().anyMatch(n -> n.contains("paper") && n.contains("2.0")));
  }

  @Test
  void paperTextVariantDiffersOnlyInTurnTwoTextCfg() {
    Preset code = Preset.load("irg-paper");
    Preset paper = Preset.load("irg-paper-cfg2");
    assertEquals(code.turnParams().get(0), paper.turnParams().get(0));
    TurnParams t2 = code.turnParams().get(1);
    assertEquals(new TurnParams(t2.timesteps(), 2.0, 2.0, t2.cfgInterval(), t2.cfgRenormType(), t2.cfgRenormMin(),
        t2.timestepShift()), paper.turnParams().get(1));
    assertEquals(code.think(), paper.think());
  }

  @Test
  void bagelPresetsFollowTheWiseScript() {
    Preset think = Preset.load("bagel-think");
    assertEquals(Mode.THINK, think.mode());
    assertEquals(new ThinkParams(0.3, 2048), think.think());
    assertEquals("bagel_think_system_prompt.txt", think.systemPrompt());
    TurnParams wise = new TurnParams(50, 4.0, 1.0, List.of(0.4, 1.0), "global", 0.0, 3.0);
    assertEquals(List.of(wise), think.turnParams());
    Preset plain = Preset.load("bagel-plain");
    assertEquals(Mode.PLAIN, plain.mode());
    assertNull(plain.think());
    assertNull(plain.systemPrompt());
    assertEquals(List.of(wise), plain.turnParams());
  }

  @Test
  void turnsBeyondTheListRepeatTheLastTurn() {
    Preset p = Preset.load("irg-paper");
    List<TurnParams> four = p.turnParamsFor(4);
    assertEquals(4, four.size());
    assertEquals(p.turnParams().get(1), four.get(2));
    assertEquals(p.turnParams().get(1), four.get(3));
    assertEquals(List.of(p.turnParams().get(0)), p.turnParamsFor(1));
    assertThrows(IllegalArgumentException.class, () -> Preset.load("bagel-think").turnParamsFor(2));
  }

  @Test
  void uncitedValueIsReported() throws Exception {
    JsonNode tree = Json.mapper().readTree("{\"mode\":\"irg\",\"width\":1024,\"think\":{\"temperature\":0.3},"
        + "\"turn_params\":[{\"timesteps\":50}]}");
    assertEquals(List.of("width", "think.temperature", "turn_params[0].timesteps"),
        Preset.uncitedValues(tree, Map.of("mode", "x.py:1")));
  }

  @Test
  void invalidTurnParamsAreClearErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TurnParams(50, 4.0, 1.0, List.of(0.4, 1.0), "globl", 0.0, 3.0));
    assertTrue(e.getMessage().contains("cfg_renorm_type"));
    assertThrows(IllegalArgumentException.class, () -> new TurnParams(50, 4.0, 1.0, List.of(0.9, 0.1), "global", 0, 3));
  }
}
