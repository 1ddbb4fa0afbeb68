package org.irgeval.perf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.api.ScoreKey;
import org.irgeval.api.ScoreRecord;
import org.irgeval.api.ScoredSample;
import org.irgeval.benchmarks.tiif.TiifBenchmark;
import org.irgeval.benchmarks.tiif.TiifGroups;
import org.irgeval.util.Json;
import org.openjdk.jmh.annotations.Setup;

/**
 * TIIF's official aggregation at full size (2538 prompt lines x short and long = 5076 images, 39 types, about five
 * questions an image) once, and inside the 1000-replicate stratified bootstrap that every summary computes ({@link FullSizeAggregation}).
 *
 * <p>{@code java -jar perf/target/benchmarks.jar TiifAggregationBenchmark}
 */
public class TiifAggregationBenchmark extends FullSizeAggregation {

  @Setup
  public void setUp() {
    bench = new TiifBenchmark();
    List<String> types = TiifGroups.types();
    List<Prompt> ps = new ArrayList<>();
    Map<String, Integer> cats = new LinkedHashMap<>();
    for (int line = 0; line < 2538; line++) {
      String type = types.get(line % types.size());
      for (String length : List.of("short", "long")) {
        ObjectNode meta = Json.mapper().createObjectNode();
        meta.put("type", type);
        meta.put("length", length);
        meta.put("line_idx", line);
        String cat = length + "/" + TiifGroups.groupOf(type).orElseThrow();
        ps.add(new Prompt(type + "/" + length + "/" + line, ps.size(), "p", cat, meta));
        cats.merge(cat, 1, Integer::sum);
      }
    }
    prompts = new PromptSet("tiif", "full", ps, List.of(), cats);
    Random rnd = new Random(3);
    samples = new ArrayList<>();
    for (Prompt p : ps) {
      int total = 2 + rnd.nextInt(8);
      samples.add(new ScoredSample(p, 0, new ScoreRecord(new ScoreKey("tiif", p.id(), 0, "reflection", "x"),
          Map.of("correct", (double) rnd.nextInt(total + 1), "total", (double) total), null, null, null, 0)));
    }
  }
}
