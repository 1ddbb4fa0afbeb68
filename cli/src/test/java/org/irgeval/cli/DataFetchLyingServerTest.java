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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.irgeval.testkit.SystemTest;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lying-server campaign of {@code data fetch} (docs/reliability.md): a loopback server that stalls after the
 * headers, drips a byte at a time, announces 10 GB, sends other bytes on a resume, or redirects in a loop. Each must
 * end the command with exit 2 within its bounds, install nothing and record no hash.
 */
@SystemTest
class DataFetchLyingServerTest {
  @TempDir
  Path tmp;
  HttpServer server;
  ExecutorService pool;
  String base;
  final CountDownLatch shutdown = new CountDownLatch(1);
  final AtomicInteger requests = new AtomicInteger();
  final List<String> seen = new CopyOnWriteArrayList<>();
  volatile String lie = "none";
  final byte[] image = DataFetchCommandTest.prompts(200);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pool = Executors.newCachedThreadPool();
    server.setExecutor(pool);
    server.createContext("/d/", this::serve);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/d/";
  }

  @AfterEach
  void stop() throws InterruptedException {
    shutdown.countDown();
    server.stop(0);
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }

  private void serve(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String name = ex.getRequestURI().getPath().substring("/d/genai-bench/".length());
    String range = ex.getRequestHeaders().getFirst("Range");
    seen.add(name + " " + (range == null ? "-" : range));
    byte[] body = name.equals("genai_image.json") ? image : DataFetchCommandTest.SKILLS;
    boolean lying = name.equals("genai_image.json");
    try (ex) {
      switch (lying ? lie : "none") {
        case "stall" -> {
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body, 0, 10);
          ex.getResponseBody().flush();
          shutdown.await(); // never another byte
        }
        case "drip" -> {
          ex.sendResponseHeaders(200, body.length);
          OutputStream o = ex.getResponseBody();
          for (int i = 0; i < body.length && shutdown.getCount() > 0; i++) {
            o.write(body[i]);
            o.flush();
            Thread.sleep(200); // each read is well within --timeout; only the time bound ends it
          }
        }
        case "huge" -> {
          ex.sendResponseHeaders(200, 10L << 30);
          ex.getResponseBody().write(body); // then the connection closes far short of 10 GB
        }
        case "redirect-loop" -> {
          ex.getResponseHeaders().add("Location", ex.getRequestURI().getPath());
          ex.sendResponseHeaders(302, -1);
        }
        case "wrong-resume" -> {
          if (range == null) {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body, 0, body.length / 2); // cut short
          } else {
            long from = Long.parseLong(range.replace("bytes=", "").replace("-", ""));
            byte[] junk = new byte[(int) (body.length - from)];
            Arrays.fill(junk, (byte) 'x'); // the right length, other bytes
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, junk.length);
            ex.getResponseBody().write(junk);
          }
        }
        default -> {
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private CliTestSupport.Result fetch(String... extra) {
    List<String> a = new ArrayList<>(List.of("data", "fetch", "genai-bench", "--to=" + tmp.resolve("data"),
        "--mirror=" + base, "--bench-opt", "genai-bench.release=1600"));
    a.addAll(List.of(extra));
    return CliTestSupport.run(a.toArray(String[]::new));
  }

  private Path dir() {
    return tmp.resolve("data/genai-bench");
  }

  private void nothingInstalledOrRecorded() {
    assertFalse(Files.exists(dir().resolve("genai_image.json")), "not installed");
    assertFalse(Files.exists(dir().resolve("SHA256SUMS")), "no hash recorded");
  }

  @Test
  void aStallingServerIsCutOffByTheReadTimeout() {
    lie = "stall";
    long t0 = System.nanoTime();
    CliTestSupport.Result r = fetch("--timeout", "5", "--attempts", "2");
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("lying server: stall, --timeout 5 --attempts 2: exit %d after %.1f s%n", r.code(), s);
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("timed out"), r.out());
    assertTrue(s < 30, "ends within 30 s: " + s);
    nothingInstalledOrRecorded();
  }

  @Test
  void aDrippingServerIsCutOffByTheTimeBound() {
    lie = "drip";
    long t0 = System.nanoTime();
    CliTestSupport.Result r = fetch("--timeout", "2", "--max-time", "3");
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("lying server: drip (a byte per 200 ms), --max-time 3: exit %d after %.1f s%n", r.code(), s);
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("no complete download within 3 s"), r.err());
    nothingInstalledOrRecorded();
  }

  @Test
  void aHugeContentLengthIsRefusedBeforeWriting() throws IOException {
    lie = "huge";
    CliTestSupport.Result r = fetch();
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("announces " + (10L << 30) + " bytes") && r.err().contains("nothing was written"),
        r.err());
    assertFalse(Files.exists(dir().resolve("genai_image.json.part")), "not a byte written");
    assertEquals(1, seen.stream().filter(q -> q.startsWith("genai_image.json")).count(), "not retried: " + seen);
    nothingInstalledOrRecorded();
  }

  @Test
  void otherBytesOnAResumeAreNeverInstalledNorRecorded() throws IOException {
    lie = "wrong-resume";
    CliTestSupport.Result r = fetch();
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out() + r.err());
    assertTrue(seen.contains("genai_image.json bytes=" + image.length / 2 + "-"), seen.toString());
    assertTrue(r.err().contains("do not load, so nothing was installed or recorded"), r.err());
    nothingInstalledOrRecorded();
    assertFalse(Files.exists(dir().resolve("genai_image.json.part")), "the broken download is removed");
    // an honest server afterwards: the file is fetched afresh, checked, installed and recorded
    lie = "none";
    CliTestSupport.Result ok = fetch();
    assertEquals(ExitCodes.OK, ok.code(), ok.out() + ok.err());
    assertTrue(Arrays.equals(image, Files.readAllBytes(dir().resolve("genai_image.json"))));
    assertTrue(Files.readString(dir().resolve("SHA256SUMS")).contains(Hashing.sha256(image)));
  }

  @Test
  void aRedirectLoopIsRefused() {
    lie = "redirect-loop";
    CliTestSupport.Result r = fetch();
    assertEquals(ExitCodes.UNUSABLE_INPUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("more than 5 redirects"), r.err());
    assertEquals(6, seen.stream().filter(q -> q.startsWith("genai_image.json")).count(), "not retried: " + seen);
    nothingInstalledOrRecorded();
  }
}
