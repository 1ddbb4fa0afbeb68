package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The throughput command measures what it claims: every trajectory done, fractions in range, results written. */
class ThroughputCommandTest {
  @TempDir
  Path tmp;

  @Test
  void measuresEveryEndpointCountAndWritesResults() throws Exception {
    CliTestSupport.Result r = CliTestSupport.run("throughput", "--endpoints", "1,2", "--trajectories", "6",
        "--text-latency", "fixed:5", "--image-latency", "fixed:20", "--image-size", "32",
        "--data", CliTestSupport.shared("irg").toString(), "--out", tmp.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode res = Json.mapper().readTree(tmp.resolve("throughput.json").toFile());
    assertTrue(res.path("notice").asText().contains("not a model"));
    assertEquals(2, res.path("measurements").size());
    for (JsonNode m : res.path("measurements")) {
      assertEquals(6, m.path("trajectories").asInt());
      assertEquals(12, m.path("images").asInt(), "irg-paper: 2 images per trajectory");
      double busy = m.path("gpu_busy_fraction").asDouble();
      assertTrue(busy > 0 && busy <= 1.0, "busy fraction " + busy);
    }
    assertEquals(1.0, res.path("measurements").get(0).path("scaling_efficiency").asDouble(), 1e-12);
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "scratch runs are removed");
    }
  }

  @Test
  void scheduleComparisonStoresEveryTrajectoryUnderBothSchedulesAndWritesTheTable() throws Exception {
    Path reports = tmp.resolve("perf");
    CliTestSupport.Result r = CliTestSupport.run("throughput", "--schedule", "both", "--endpoints", "2",
        "--prompts-per-endpoint", "2", "--time-scale", "0.0004", "--die-at", "last@0.5",
        "--data", CliTestSupport.shared("irg").toString(), "--out", tmp.resolve("scratch").toString(),
        "--report-dir", reports.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode res = Json.mapper().readTree(reports.resolve("schedules.json").toFile());
    assertEquals(2, res.path("measurements").size(), res.toString());
    for (JsonNode m : res.path("measurements")) {
      // measure() itself refuses a run that did not store all 16 (2 endpoints x 2 prompts x 4 samples)
      assertEquals(16, m.path("trajectories").asInt());
      assertTrue(m.path("ratio_to_ideal").asDouble() >= 0.9, m.toString());
      assertTrue(m.path("dies").asText().startsWith("endpoint 1 at 0.5"), m.toString());
    }
    String md = Files.readString(reports.resolve("schedules.md"));
    assertTrue(md.contains("| custom-lost | 2 | 16 |"), md);
    try (var files = Files.list(tmp.resolve("scratch"))) {
      assertEquals(0, files.count(), "scratch runs are removed");
    }
  }
}
