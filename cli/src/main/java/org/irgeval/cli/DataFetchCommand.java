package org.irgeval.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.irgeval.run.OptionCheck;
import org.irgeval.run.Registry;
import org.irgeval.util.Hashing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code irg-eval data fetch BENCHMARK [--to DIR]}: downloads official files that are public but not shipped,
 * into {@code <DIR>/<benchmark>/}. Each file goes to {@code NAME.part} (an interrupted transfer is resumed with an
 * HTTP Range request, by the retry loop or by the next invocation), is checked against its SHA-256, and only then
 * is moved onto {@code NAME} (atomic rename), so a half or wrong file is never read as data.
 *
 * <p>Expected hashes, first found wins: {@code --sha256 NAME=HEX}; the hash pinned here; the hash recorded in
 * {@code <DIR>/<benchmark>/SHA256SUMS} by an earlier fetch; the server's {@code X-Linked-ETag} when it is a SHA-256
 * (the Hugging Face hub sends it for LFS files). With none, the file's hash is recorded on this first download
 * (trust on first use) and the command says so; later fetches verify against it.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Download a benchmark's public official files (SHA-256 verified, resumable, atomic install). "
        + "Known: genai-bench (genai_image.json, genai_skills.json of the 1600-prompt release).")
public final class DataFetchCommand implements Callable<Integer> {
  /** One downloadable file; {@code sha256} null when no published hash is known. */
  record Source(String name, String sha256) {}

  /** A benchmark's files under one base URL. */
  record Bundle(String benchmark, String baseUrl, List<Source> files, Map<String, String> benchOptions, String note) {}

  /**
   * BaiqiL/GenAI-Bench-1600 as linzhiqiu/t2v_metrics@6ecb74f dataset.py l.1266-1275 downloads it
   * ({@code resolve/main}). No SHA-256 of these files is published in t2v_metrics or in the data notes, so none is
   * pinned: the first download records it (SHA256SUMS) unless the hub sends one (X-Linked-ETag).
   */
  static final Bundle GENAI_BENCH = new Bundle("genai-bench",
      "https://huggingface.co/datasets/BaiqiL/GenAI-Bench-1600/resolve/main/",
      List.of(new Source("genai_image.json", null), new Source("genai_skills.json", null)),
      Map.of("release", "1600"),
      "then: --bench-opt genai-bench.release=1600");

  static final Map<String, Bundle> BUNDLES = Map.of(GENAI_BENCH.benchmark(), GENAI_BENCH);
  static final String SUMS = "SHA256SUMS";
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  @Parameters(index = "0", paramLabel = "BENCHMARK", description = "Benchmark id (known: genai-bench).")
  String benchmark;

  @Option(names = "--to", paramLabel = "DIR",
      description = "Data root to write <DIR>/<benchmark>/ into (default: --data, $IRG_EVAL_DATA, then ./data).")
  Path to;

  @Mixin
  DataDirOption data = new DataDirOption();

  @Option(names = "--base-url", paramLabel = "URL",
      description = "Download from this folder URL instead of the official one (a mirror; ends with /).")
  String baseUrl;

  @Option(names = "--sha256", paramLabel = "NAME=HEX", description = "Expected SHA-256 of a file (repeatable).")
  List<String> sha256;

  @Option(names = "--attempts", paramLabel = "N", defaultValue = "4",
      description = "Tries per file; each retry resumes where the last stopped (default: ${DEFAULT-VALUE}).")
  int attempts;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Connect and idle-read timeout in seconds (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Bundle bundle = BUNDLES.get(benchmark);
    if (bundle == null) {
      err.println("data fetch: no download source is known for '" + benchmark + "' (known: "
          + String.join(", ", new TreeMap<>(BUNDLES).keySet()) + ")");
      return ExitCodes.UNUSABLE_INPUT;
    }
    Map<String, String> given = new LinkedHashMap<>();
    for (String kv : sha256 == null ? List.<String>of() : sha256) {
      int eq = kv.indexOf('=');
      String name = eq < 0 ? "" : kv.substring(0, eq);
      String hex = eq < 0 ? "" : kv.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      if (bundle.files().stream().noneMatch(s -> s.name().equals(name)) || !HEX64.matcher(hex).matches()) {
        err.println("data fetch: --sha256 " + kv + ": expected NAME=<64 hex digits> with NAME one of "
            + bundle.files().stream().map(Source::name).toList());
        return ExitCodes.UNUSABLE_INPUT;
      }
      given.put(name, hex);
    }
    if (attempts < 1 || timeoutSeconds < 1) {
      err.println("data fetch: --attempts and --timeout must be >= 1");
      return ExitCodes.UNUSABLE_INPUT;
    }
    Path root = to != null ? to : data.resolve();
    Path dir = root.resolve(bundle.benchmark());
    Files.createDirectories(dir);
    String base = baseUrl != null ? (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") : bundle.baseUrl();
    Map<String, String> recorded = readSums(dir.resolve(SUMS));
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
    int failures = 0;
    for (Source s : bundle.files()) {
      String expected = given.getOrDefault(s.name(), s.sha256() != null ? s.sha256() : recorded.get(s.name()));
      String from = given.containsKey(s.name()) ? "--sha256" : s.sha256() != null ? "pinned"
          : recorded.containsKey(s.name()) ? SUMS : null;
      try {
        String got = fetch(http, URI.create(base + s.name()), dir, s.name(), expected, from, out);
        recorded.put(s.name(), got);
        writeSums(dir.resolve(SUMS), recorded);
      } catch (IOException | FetchException e) {
        failures++;
        err.println("data fetch: " + s.name() + ": " + e.getMessage());
      }
    }
    if (failures > 0) {
      out.flush();
      return ExitCodes.UNUSABLE_INPUT;
    }
    return check(bundle, root, out, err);
  }

  /** Loads the fetched files with the benchmark's own loader, so a wrong file is reported now, not at run time. */
  private static int check(Bundle bundle, Path root, PrintWriter out, PrintWriter err) {
    Optional<Benchmark> b = Registry.discover().benchmarks().stream()
        .filter(x -> x.id().equals(bundle.benchmark())).findFirst();
    if (b.isEmpty()) {
      out.flush();
      return ExitCodes.OK;
    }
    try {
      PromptSet set = b.get().load(root, OptionCheck.benchmark(b.get(), bundle.benchOptions()));
      out.printf("%s: %d prompts (%s) in %s; %s%n", bundle.benchmark(), set.prompts().size(), set.version(),
          root.resolve(bundle.benchmark()), bundle.note());
      out.flush();
      return ExitCodes.OK;
    } catch (DataException e) {
      err.println("data fetch: the downloaded files do not load: " + e.getMessage());
      return ExitCodes.UNUSABLE_INPUT;
    }
  }

  /** A download that cannot succeed by retrying (hash mismatch, HTTP error status). */
  static final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    FetchException(String message) {
      super(message);
    }
  }

  /**
   * Installs {@code dir/name} from {@code url}; returns its SHA-256.
   *
   * @param expected the expected hash or null
   * @param from     where {@code expected} came from (for messages), null when there is none
   */
  String fetch(HttpClient http, URI url, Path dir, String name, String expected, String from, PrintWriter out)
      throws IOException, FetchException {
    Path target = dir.resolve(name);
    if (Files.isRegularFile(target)) {
      String have = Hashing.sha256(target);
      if (expected == null || expected.equals(have)) {
        out.printf("%-20s present, sha256 %s%s%n", name, have, expected == null ? " (recorded)" : " (verified, " + from + ")");
        return have;
      }
      out.printf("%-20s present but sha256 %s != %s (%s): downloading again%n", name, have, expected, from);
    }
    Path part = dir.resolve(name + ".part");
    String serverHash = null;
    IOException last = null;
    boolean done = false;
    for (int attempt = 1; attempt <= attempts && !done; attempt++) {
      try {
        Transfer t = transfer(http, url, part);
        serverHash = t.serverSha256() != null ? t.serverSha256() : serverHash;
        out.printf("%-20s %s %d bytes%s%n", name, t.resumedFrom() > 0 ? "resumed at " + t.resumedFrom() + "," : "got",
            Files.size(part), attempt > 1 ? " (attempt " + attempt + ")" : "");
        done = true;
      } catch (IOException e) {
        last = e;
        out.printf("%-20s attempt %d stopped at %d bytes: %s%n", name, attempt,
            Files.exists(part) ? Files.size(part) : 0, e.getMessage());
      }
    }
    if (!done) {
      throw new IOException("download incomplete after " + attempts + " attempts (" + last.getMessage()
          + "); run the command again to resume from " + part, last);
    }
    String got = Hashing.sha256(part);
    String want = expected;
    String wantFrom = from;
    if (want == null && serverHash != null) {
      want = serverHash;
      wantFrom = "server X-Linked-ETag";
    }
    if (want != null && !want.equals(got)) {
      Files.deleteIfExists(part);
      throw new FetchException("sha256 " + got + " != expected " + want + " (" + wantFrom + "); the download was"
          + " removed and nothing was installed");
    }
    move(part, target);
    out.printf("%-20s installed, sha256 %s %s%n", name, got, want != null ? "(verified, " + wantFrom + ")"
        : "(no published hash: recorded in " + SUMS + " on this first download; later fetches verify against it)");
    return got;
  }

  record Transfer(long resumedFrom, String serverSha256) {}

  /** One HTTP request: appends to {@code part} (Range from its size) or rewrites it; throws when cut short. */
  private Transfer transfer(HttpClient http, URI url, Path part) throws IOException, FetchException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(timeoutSeconds)).GET()
        .header("User-Agent", "irg-eval data fetch");
    if (have > 0) {
      rb.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String serverHash = linkedSha256(resp);
    try (InputStream in = resp.body()) {
      int code = resp.statusCode();
      long offset;
      if (code == 206) {
        Matcher m = CONTENT_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
        if (!m.matches() || Long.parseLong(m.group(1)) != have) {
          Files.deleteIfExists(part); // an unexpected range: start over on the next attempt
          throw new IOException("unexpected Content-Range '" + resp.headers().firstValue("Content-Range").orElse("")
              + "' for a resume at " + have);
        }
        offset = have;
      } else if (code == 200) {
        offset = 0;
      } else if (code == 416 && have > 0) {
        Matcher m = Pattern.compile("bytes \\*/(\\d+)").matcher(resp.headers().firstValue("Content-Range").orElse(""));
        if (m.matches() && Long.parseLong(m.group(1)) == have) {
          return new Transfer(have, serverHash); // the part file is already complete
        }
        Files.deleteIfExists(part);
        throw new IOException("HTTP 416 for a resume at " + have + "; starting over");
      } else {
        throw new FetchException("HTTP " + code + " from " + url);
      }
      long expectLen = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
      long wrote = 0;
      try (OutputStream o = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) >= 0; ) {
          o.write(buf, 0, n);
          wrote += n;
        }
      }
      if (expectLen >= 0 && wrote != expectLen) {
        throw new IOException("connection closed after " + wrote + " of " + expectLen + " bytes");
      }
      return new Transfer(offset, serverHash);
    }
  }

  /** The hub's {@code X-Linked-ETag} (LFS object id = SHA-256), on this response or a redirect before it. */
  private static String linkedSha256(HttpResponse<?> resp) {
    for (HttpResponse<?> r = resp; r != null; r = r.previousResponse().orElse(null)) {
      Optional<String> v = r.headers().firstValue("X-Linked-ETag");
      if (v.isPresent()) {
        String s = v.get().replace("W/", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
        if (HEX64.matcher(s).matches()) {
          return s;
        }
      }
    }
    return null;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** {@code sha256sum} format: {@code HEX  NAME} per line. */
  static Map<String, String> readSums(Path f) throws IOException {
    Map<String, String> m = new TreeMap<>();
    if (Files.isRegularFile(f)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String[] p = line.trim().split("\\s+\\*?", 2);
        if (p.length == 2 && HEX64.matcher(p[0].toLowerCase(Locale.ROOT)).matches()) {
          m.put(p[1], p[0].toLowerCase(Locale.ROOT));
        }
      }
    }
    return m;
  }

  private static void writeSums(Path f, Map<String, String> sums) throws IOException {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(sums).forEach((k, v) -> sb.append(v).append("  ").append(k).append('\n'));
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    move(tmp, f);
  }
}
