package org.irgeval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code irg-eval data fetch genai-bench} against a loopback HTTP server that honours Range requests, can cut a
 * transfer short, and can send the hub's X-Linked-ETag (the hub itself cannot be reached from the test machines).
 */
class DataFetchCommandTest {
  @TempDir
  Path tmp;
  HttpServer server;
  String base;
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final Map<String, String> linkedEtag = new ConcurrentHashMap<>();
  /** Requests as "NAME range" ("-" for none). */
  final List<String> requests = new CopyOnWriteArrayList<>();
  /** How many upcoming full (non-range) answers of genai_image.json are cut at half. */
  final AtomicInteger cuts = new AtomicInteger();

  static byte[] prompts(int n) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append(String.format("\"%05d\": {\"id\": %d, \"prompt\": \"prompt number %d with some"
          + " words\", \"prompt in Chinese\": \"\u63d0\u793a %d\", \"models\": {}}", i, i, i, i));
    }
    return sb.append("}").toString().getBytes(StandardCharsets.UTF_8);
  }

  static final byte[] SKILLS = "{\"basic\": [0, 1, 2], \"advanced\": [3, 4], \"counting\": [3]}".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void start() throws IOException {
    files.put("genai_image.json", prompts(400));
    files.put("genai_skills.json", SKILLS);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/genai-bench/", this::serve);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void serve(HttpExchange ex) throws IOException {
    String name = ex.getRequestURI().getPath().substring(ex.getRequestURI().getPath().lastIndexOf('/') + 1);
    String range = ex.getRequestHeaders().getFirst("Range");
    requests.add(name + " " + (range == null ? "-" : range));
    byte[] body = files.get(name);
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    if (linkedEtag.containsKey(name)) {
      ex.getResponseHeaders().add("X-Linked-ETag", "\"" + linkedEtag.get(name) + "\"");
    }
    if (range != null) {
      long from = Long.parseLong(range.replace("bytes=", "").replace("-", ""));
      if (from >= body.length) {
        ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
        ex.sendResponseHeaders(416, -1);
        ex.close();
        return;
      }
      ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      ex.sendResponseHeaders(206, body.length - from);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body, (int) from, (int) (body.length - from));
      }
      return;
    }
    ex.sendResponseHeaders(200, body.length);
    OutputStream o = ex.getResponseBody();
    if (name.equals("genai_image.json") && cuts.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
      o.write(body, 0, body.length / 2);
      o.flush();
      ex.close(); // closes the connection with the body short of its Content-Length
      return;
    }
    o.write(body);
    o.close();
  }

  CliTestSupport.Result fetch(String... extra) {
    String[] args = new String[7 + extra.length];
    args[0] = "data";
    args[1] = "fetch";
    args[2] = "genai-bench";
    args[3] = "--to=" + tmp.resolve("data");
    args[4] = "--mirror=" + base;
    args[5] = "--bench-opt";
    args[6] = "genai-bench.release=1600";
    System.arraycopy(extra, 0, args, 7, extra.length);
    return CliTestSupport.run(args);
  }

  Path dir() {
    return tmp.resolve("data/genai-bench");
  }

  @Test
  void downloadsResumesAfterACutRecordsHashesAndLoads() throws Exception {
    cuts.set(1);
    CliTestSupport.Result r = fetch();
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(Files.exists(dir().resolve("genai_image.json")));
    assertTrue(Arrays.equals(files.get("genai_image.json"), Files.readAllBytes(dir().resolve("genai_image.json"))));
    assertTrue(Arrays.equals(SKILLS, Files.readAllBytes(dir().resolve("genai_skills.json"))));
    assertFalse(Files.exists(dir().resolve("genai_image.json.part")));
    int half = files.get("genai_image.json").length / 2;
    assertTrue(requests.contains("genai_image.json bytes=" + half + "-"), requests.toString());
    assertTrue(r.out().contains("resumed at " + half), r.out());
    assertTrue(r.out().contains("it loads, so its hash is recorded in SHA256SUMS"), r.out());
    assertTrue(r.out().contains("400 prompts (1600 (genai_skills.json))"), r.out());
    List<String> sums = Files.readAllLines(dir().resolve("SHA256SUMS"));
    assertEquals(List.of(Hashing.sha256(files.get("genai_image.json")) + "  genai_image.json",
        Hashing.sha256(SKILLS) + "  genai_skills.json"), sums);

    // second run: verified against SHA256SUMS, nothing downloaded
    requests.clear();
    CliTestSupport.Result again = fetch();
    assertEquals(0, again.code(), again.err());
    assertEquals(List.of(), requests);
    assertTrue(again.out().contains("(verified, SHA256SUMS)"), again.out());

    // the server's file changes: a fresh download no longer matches the recorded hash and is not installed
    Files.delete(dir().resolve("genai_skills.json"));
    files.put("genai_skills.json", "{\"basic\": [0]}".getBytes(StandardCharsets.UTF_8));
    CliTestSupport.Result changed = fetch();
    assertEquals(2, changed.code(), changed.out());
    assertTrue(changed.err().contains("genai_skills.json: sha256") && changed.err().contains("(SHA256SUMS)"), changed.err());
    assertFalse(Files.exists(dir().resolve("genai_skills.json")));
    assertFalse(Files.exists(dir().resolve("genai_skills.json.part")));
  }

  @Test
  void resumesAPartFileLeftByAnEarlierInvocation() throws Exception {
    byte[] body = files.get("genai_image.json");
    cuts.set(1);
    CliTestSupport.Result cut = fetch("--attempts", "1");
    assertEquals(2, cut.code(), cut.out());
    assertEquals(body.length / 2, Files.size(dir().resolve("genai_image.json.part")));
    requests.clear();
    CliTestSupport.Result r = fetch("--sha256", "genai_image.json=" + Hashing.sha256(body));
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(requests.contains("genai_image.json bytes=" + body.length / 2 + "-"), requests.toString());
    assertTrue(r.out().contains("(verified, --sha256)"), r.out());
    assertTrue(Arrays.equals(body, Files.readAllBytes(dir().resolve("genai_image.json"))));
  }

  @Test
  void aPartFileOfUnknownOriginIsNeverResumed() throws Exception {
    Files.createDirectories(dir());
    byte[] body = files.get("genai_image.json");
    // a stale .part (another version, another tool): no record of its source, so it is fetched afresh
    Files.write(dir().resolve("genai_image.json.part"), "{\"stale\": ".getBytes(StandardCharsets.UTF_8));
    CliTestSupport.Result r = fetch();
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(requests.contains("genai_image.json -") && requests.stream().noneMatch(q -> q.contains("bytes=")),
        requests.toString());
    assertTrue(Arrays.equals(body, Files.readAllBytes(dir().resolve("genai_image.json"))));
  }

  @Test
  void aCompletePartFileIsAnsweredWith416AndInstalled() throws Exception {
    Files.createDirectories(dir());
    Files.write(dir().resolve("genai_skills.json.part"), SKILLS);
    CliTestSupport.Result r = fetch();
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(Arrays.equals(SKILLS, Files.readAllBytes(dir().resolve("genai_skills.json"))));
  }

  @Test
  void aWrongHashInstallsNothing() throws Exception {
    CliTestSupport.Result r = fetch("--sha256", "genai_image.json=" + "0".repeat(64));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("!= expected " + "0".repeat(64) + " (--sha256)"), r.err());
    assertFalse(Files.exists(dir().resolve("genai_image.json")));
    assertFalse(Files.exists(dir().resolve("genai_image.json.part")));
    // a bundle is installed together, after its check: the other file waits as a complete .part for the next call
    assertFalse(Files.exists(dir().resolve("genai_skills.json")));
    assertTrue(Files.exists(dir().resolve("genai_skills.json.part")));
  }

  @Test
  void theServersLinkedEtagIsChecked() throws Exception {
    linkedEtag.put("genai_skills.json", "a".repeat(64));
    linkedEtag.put("genai_image.json", Hashing.sha256(files.get("genai_image.json")));
    CliTestSupport.Result r = fetch();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("(server X-Linked-ETag)"), r.err());
    assertTrue(r.out().contains("genai_image.json") && r.out().contains("(verified, server X-Linked-ETag)"), r.out());
    assertFalse(Files.exists(dir().resolve("genai_skills.json")));
  }

  @Test
  void errorsAreNamed() throws Exception {
    files.remove("genai_skills.json");
    CliTestSupport.Result r = fetch("--attempts", "1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("genai_skills.json from " + base + "genai-bench/genai_skills.json: HTTP 404"), r.err());
    CliTestSupport.Result unknown = CliTestSupport.run("data", "fetch", "nope", "--to", tmp.toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("known: ") && unknown.err().contains("genai-bench"), unknown.err());
    CliTestSupport.Result badHash = fetch("--sha256", "other.json=" + "0".repeat(64));
    assertEquals(2, badHash.code());
  }

  @Test
  void theOfficialUrlIsTheDatasetsResolveUrl() {
    var genai = org.irgeval.run.Registry.discover().benchmarks().stream().filter(b -> b.id().equals("genai-bench"))
        .findFirst().orElseThrow();
    assertEquals(List.of("https://huggingface.co/datasets/BaiqiL/GenAI-Bench-1600/resolve/main/genai_image.json",
            "https://huggingface.co/datasets/BaiqiL/GenAI-Bench-1600/resolve/main/genai_skills.json"),
        genai.publicFiles(Map.of("release", "1600")).stream().map(f -> f.url().toString()).toList());
  }

  @Test
  void aKilledFetchsStagingFolderIsRemovedByTheNextFetch() throws Exception {
    Path stale = Files.createDirectories(tmp.resolve("data/.fetch-staging-" + Long.MAX_VALUE + "/genai-bench"));
    Files.writeString(stale.resolve("genai_image.json"), "{}");
    CliTestSupport.Result r = fetch();
    assertEquals(0, r.code(), r.out() + r.err());
    assertFalse(Files.exists(stale.getParent()), "the staging folder of a process that is gone is removed");
  }
}
