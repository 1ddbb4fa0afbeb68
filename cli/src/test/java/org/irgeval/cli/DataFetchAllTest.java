package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.irgeval.api.Benchmark;
import org.irgeval.api.PublicFile;
import org.irgeval.run.Registry;
import org.irgeval.testkit.OfficialData;
import org.irgeval.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data fetch all} then {@code data check}, from a loopback mirror that serves the shared official files (the
 * official hosts cannot be reached from the test machines); the pinned sizes and hashes are the official ones, so a
 * mirror that changes a byte is refused.
 */
class DataFetchAllTest {
  static final List<String> ALL = List.of("geneval", "wise", "tiif", "genai-bench", "oneig");
  @TempDir
  Path tmp;
  Path shared;
  HttpServer server;
  String mirror;
  /** Path (under the mirror) of a file served with one byte changed. */
  final Map<String, Boolean> corrupt = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    shared = OfficialData.root("geneval").toAbsolutePath().normalize();
    for (String b : ALL) {
      OfficialData.root(b);
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
    mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath().substring(1);
    Path f = shared.resolve(path).normalize();
    if (!f.startsWith(shared) || !Files.isRegularFile(f)) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    byte[] body = Files.readAllBytes(f);
    if (corrupt.containsKey(path)) {
      body[body.length / 2] ^= 1;
    }
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(body);
    }
  }

  @Test
  void fetchAllThenCheckGivesTheOfficialCounts() throws Exception {
    Path data = tmp.resolve("data");
    CliTestSupport.Result before = CliTestSupport.run("data", "check", "--data", data.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, before.code(), "every benchmark absent is not a usable data folder");

    CliTestSupport.Result r = CliTestSupport.run("data", "fetch", "all", "--to", data.toString(), "--mirror", mirror);
    assertEquals(0, r.code(), r.out() + r.err());
    CliTestSupport.Result check = CliTestSupport.run("data", "check", "--data", data.toString(), "--json");
    assertEquals(0, check.code(), check.out() + check.err());
    JsonNode b = Json.mapper().readTree(check.out()).path("benchmarks");
    assertEquals(553, b.path("geneval").path("prompts").asInt());
    assertEquals(1000, b.path("wise").path("prompts").asInt());
    assertEquals(277, b.path("tiif").path("prompt_lines").asInt());
    assertEquals(527, b.path("genai-bench").path("prompts").asInt());
    assertEquals(1120, b.path("oneig").path("prompts").asInt());
    // exactly the files the loaders read (no more, no fewer), byte for byte the official ones
    for (Benchmark bench : Registry.discover().benchmarks()) {
      java.util.Set<String> read = new java.util.TreeSet<>();
      b.path(bench.id()).path("files").fieldNames().forEachRemaining(read::add);
      java.util.Set<String> declared = new java.util.TreeSet<>();
      bench.publicFiles(Map.of()).forEach(f -> declared.add(bench.id() + "/" + f.path()));
      assertEquals(read, declared, bench.id());
    }
    for (String id : ALL) {
      b.path(id).path("files").fields().forEachRemaining(e -> {
        try {
          assertEquals(Files.size(shared.resolve(e.getKey())), Files.size(data.resolve(e.getKey())), e.getKey());
        } catch (IOException ex) {
          throw new AssertionError(ex);
        }
      });
    }
    try (Stream<Path> w = Files.walk(data)) {
      assertTrue(w.noneMatch(p -> p.toString().endsWith(".part")), "no partial file left");
    }
    // a second fetch finds everything in place and downloads nothing
    CliTestSupport.Result again = CliTestSupport.run("data", "fetch", "--to", data.toString(), "--mirror", mirror);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("tiif         156 files".replace("156", "78") + " (0 downloaded, 78 already present)"),
        again.out());
  }

  @Test
  void aWrongByteIsRefusedAndNothingOfTheBenchmarkIsInstalled() throws Exception {
    corrupt.put("tiif/testmini_eval_prompts/negation_eval_prompts.jsonl", true);
    Path data = tmp.resolve("data");
    CliTestSupport.Result r = CliTestSupport.run("data", "fetch", "tiif", "geneval", "--to", data.toString(),
        "--mirror", mirror);
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("testmini_eval_prompts/negation_eval_prompts.jsonl from " + mirror
        + "tiif/testmini_eval_prompts/negation_eval_prompts.jsonl") && r.err().contains("(pinned)"), r.err());
    assertFalse(Files.exists(data.resolve("tiif/testmini_eval_prompts/negation_eval_prompts.jsonl")));
    assertFalse(Files.exists(data.resolve("tiif/testmini_eval_prompts/negation_eval_prompts.jsonl.part")));
    try (Stream<Path> w = Files.walk(data.resolve("tiif"))) {
      assertTrue(w.filter(Files::isRegularFile).allMatch(p -> p.toString().endsWith(".part")
          || p.toString().endsWith(".part.json")), "nothing of tiif installed");
    }
    assertTrue(Files.exists(data.resolve("geneval/prompts/evaluation_metadata.jsonl")), "geneval is unaffected");
    CliTestSupport.Result check = CliTestSupport.run("data", "check", "--data", data.toString(),
        "--benchmarks", "tiif");
    assertEquals(ExitCodes.UNUSABLE_INPUT, check.code());

    // the mirror mends the file: the next call resumes, downloading only what is missing
    corrupt.clear();
    CliTestSupport.Result ok = CliTestSupport.run("data", "fetch", "tiif", "--to", data.toString(), "--mirror", mirror);
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().contains("277 prompt") || ok.out().contains("554 prompts"), ok.out());
  }

  @Test
  void anUnreachableHostIsNamedWithItsCause() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/";
    CliTestSupport.Result r = CliTestSupport.run("data", "fetch", "geneval", "--to", tmp.resolve("d").toString(),
        "--mirror", url, "--attempts", "1");
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code());
    assertTrue(r.err().contains(url + "geneval/prompts/evaluation_metadata.jsonl") && r.err().contains("Connect"),
        r.err());
    assertFalse(r.err().contains("null"), r.err());
  }

  @Test
  void everyDeclaredFileIsPinned() {
    for (Benchmark b : Registry.discover().benchmarks()) {
      List<PublicFile> files = b.publicFiles(Map.of());
      assertFalse(files.isEmpty(), b.id());
      for (PublicFile f : files) {
        assertTrue(f.sha256() != null && f.size() > 0, f.toString());
        assertTrue(f.url().toString().matches("https://raw\\.githubusercontent\\.com/[^/]+/[^/]+/[0-9a-f]{40}/.+"),
            "pinned at a commit: " + f.url());
      }
    }
  }
}
