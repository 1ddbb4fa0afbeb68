package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --config FILE}: options from YAML or JSON, flags override, bad files named by file, line and key. */
class RunConfigFileTest {
  /** The repository's configs/ folder (tests run in cli/). */
  static final Path CONFIGS = Path.of("..", "configs");

  @TempDir
  Path tmp;

  @Test
  void thePapersConfigurationPrintsThePapersPlan() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("run", "--config", CONFIGS.resolve("irg-paper.yaml").toString(),
        "--data", CliTestSupport.shared("geneval", "wise", "tiif", "oneig").toString(), "--dry-run");
    assertEquals(0, r.code(), r.out() + r.err());
    // 553x4 + 1000 + 554 + 1600 + 1120x4 = 9846; x 60.58 s / 3600 = 165.7 GPU-hours
    assertTrue(r.out().contains("total: 9846 trajectories, 19692 images (2 turns each)"), r.out());
    assertTrue(r.out().contains("GPU: 165.7 GPU-hours at 60.58 s per trajectory"), r.out());
    // judge calls: WISE 1000 x 2 turns; TIIF 554 x 2 (one call per image)
    assertTrue(r.out().matches("(?s).*\\nwise +1000 +1 +1000 +2000 +wise-judge .*"), r.out());
    assertTrue(r.out().matches("(?s).*\\ntiif +554 +1 +554 +1108 +tiif-judge .*"), r.out());
  }

  @Test
  void everyShippedConfigurationIsValid() throws Exception {
    try (var files = Files.list(CONFIGS)) {
      for (Path f : files.toList()) {
        CliTestSupport.Result r = CliTestSupport.run("run", "--config", f.toString(), "--data",
            CliTestSupport.shared("geneval", "wise", "tiif", "oneig").toString(), "--dry-run");
        assertEquals(0, r.code(), f + ": " + r.out() + r.err());
      }
    }
  }

  @Test
  void flagsOverrideTheFileAndJsonWorksToo() throws Exception {
    Path cfg = tmp.resolve("small.json");
    Files.writeString(cfg, "{\n  \"pipeline\": \"irg\",\n  \"preset\": \"bagel-plain\",\n  \"benchmarks\": [\"wise\"],\n"
        + "  \"limit\": 10\n}\n");
    CliTestSupport.Result r = CliTestSupport.run("run", "--config", cfg.toString(), "--limit", "7", "--data",
        CliTestSupport.shared("wise").toString(), "--dry-run");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("total: 7 trajectories, 7 images (1 turn each)"), r.out());
    assertTrue(r.out().contains("at 12.00 s per trajectory (BAGEL plain"), r.out());
  }

  @Test
  void aBadKeyIsNamedWithFileAndLine() throws Exception {
    Path cfg = tmp.resolve("bad.yaml");
    Files.writeString(cfg, "# a typo on line 3\npipeline: irg\nbenchmark: [wise]\n");
    CliTestSupport.Result r = CliTestSupport.run("run", "--config", cfg.toString(), "--dry-run");
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out());
    assertTrue(r.err().contains(cfg + ":3: key 'benchmark': not an option of 'irg-eval run'"), r.err());
    assertTrue(r.err().contains("benchmarks"), "lists the keys: " + r.err());

    Files.writeString(cfg, "pipeline: irg\nlimit: many\n");
    CliTestSupport.Result type = CliTestSupport.run("run", "--config", cfg.toString(), "--dry-run");
    assertEquals(ExitCodes.UNUSABLE_INPUT, type.code());
    assertTrue(type.err().contains(cfg + ":2: key 'limit': --limit takes a number, not 'many'"), type.err());

    Files.writeString(cfg, "pipeline: irg\nbenchmarks: [wise\n");
    CliTestSupport.Result syntax = CliTestSupport.run("run", "--config", cfg.toString(), "--dry-run");
    assertEquals(ExitCodes.UNUSABLE_INPUT, syntax.code());
    assertTrue(syntax.err().contains(cfg + ":") && syntax.err().contains("not valid YAML"), syntax.err());
  }

  @Test
  void theRunRecordsItsConfigurationInTheManifest() throws Exception {
    Path cfg = tmp.resolve("demo.yaml");
    Files.writeString(cfg, "pipeline: reference\nbenchmarks: [geneval]\nlimit: 2\nsamples: 1\nlabel:\n  step: 7\n");
    Path run = tmp.resolve("run");
    CliTestSupport.Result r = CliTestSupport.run("run", "--config", cfg.toString(), "--data",
        CliTestSupport.shared("geneval").toString(), "--out", run.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    JsonNode argv = Json.mapper().readTree(run.resolve("manifest.json").toFile()).findValue("argv");
    String s = argv.toString();
    assertTrue(s.contains("\"--config\",\"" + cfg + "\"") && s.contains("--pipeline=reference")
        && s.contains("--limit=2") && s.contains("--label=step=7"), s);
  }
}
