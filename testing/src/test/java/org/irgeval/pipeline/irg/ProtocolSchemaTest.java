package org.irgeval.pipeline.irg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.irgeval.pipeline.irg.sim.IrgSimulator;
import org.irgeval.pipeline.irg.sim.SimConfig;
import org.irgeval.util.Json;
import org.junit.jupiter.api.Test;

/** docs/protocol.schema.json, the Java wire records and the simulator agree. */
class ProtocolSchemaTest {
  private final ObjectMapper json = Json.mapper();

  private JsonNode defs() throws Exception {
    Path schema = Path.of("..", "docs", "protocol.schema.json"); // surefire runs in harness/
    return json.readTree(Files.readString(schema)).get("$defs");
  }

  private static Set<String> snake(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents())
        .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> names(JsonNode obj) {
    Set<String> s = new TreeSet<>();
    obj.fieldNames().forEachRemaining(s::add);
    return s;
  }

  @Test
  void wireRecordsMatchTheSchema() throws Exception {
    JsonNode d = defs();
    assertEquals(names(d.at("/trajectory_request/properties")), snake(TrajectoryRequest.class));
    assertEquals(names(d.at("/turn_params/properties")), snake(TurnParams.class));
    assertEquals(names(d.at("/think/properties")), snake(ThinkParams.class));
    assertEquals(names(d.at("/trajectory_response/properties")), snake(TrajectoryResponse.class));
    assertEquals(names(d.at("/turn/properties")), snake(TrajectoryResponse.Turn.class));
    assertEquals(names(d.at("/health_answer/properties")), snake(HealthAnswer.class));
    Set<String> codes = new TreeSet<>();
    d.at("/error/properties/error/properties/code/enum").forEach(n -> codes.add(n.asText()));
    Set<String> ours = Arrays.stream(ErrorCode.values()).filter(c -> c != ErrorCode.NETWORK).map(ErrorCode::wire)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(codes, ours);
  }

  @Test
  void simulatorAnswersSayTheyArePlumbingAndErrorsHaveCodes() throws Exception {
    try (IrgSimulator sim = IrgSimulator.start(SimConfig.defaults())) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> h = http.send(HttpRequest.newBuilder(URI.create(sim.uri() + "/v1/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode health = json.readTree(h.body());
      assertTrue(health.get("simulator").asBoolean());
      assertTrue(health.at("/model/name").asText().contains("not a model"));
      assertTrue(h.headers().firstValue("X-IRG-Simulator").isPresent());
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(sim.uri() + "/v1/trajectory"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"x\",\"prompt\":\"p\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode());
      assertEquals("bad_request", json.readTree(bad.body()).at("/error/code").asText());
      assertTrue(json.readTree(bad.body()).at("/error/message").asText().contains("missing field"));
    }
  }
}
