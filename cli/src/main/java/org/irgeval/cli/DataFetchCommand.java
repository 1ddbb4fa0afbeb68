package org.irgeval.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.irgeval.download.Downloader;
import org.irgeval.run.OptionCheck;
import org.irgeval.run.Registry;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.SafeFiles;
import org.irgeval.util.Hashing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code irg-eval data fetch BENCHMARK [--to DIR]}: downloads official files that are public but not shipped,
 * into {@code <DIR>/<benchmark>/}, through the tool's one bounded {@link Downloader}: each file goes to
 * {@code NAME.part}, bounded per read ({@code --timeout}), in all ({@code --max-time}) and in size ({@code
 * --max-size} when the size is not known); an interrupted transfer is resumed with an HTTP Range request (by the
 * retry loop or by the next invocation) only when the {@code .part}'s recorded source still matches.
 *
 * <p>Expected hashes, first found wins: {@code --sha256 NAME=HEX}; the hash pinned here; the hash recorded in
 * {@code <DIR>/<benchmark>/SHA256SUMS} by an earlier fetch; the server's {@code X-Linked-ETag} when it is a SHA-256
 * (the Hugging Face hub sends it for LFS files). A file that fails its hash is removed, never installed. A file no hash
 * vouches for (the first download of an unpinned file) is checked by the benchmark's own loader in a staging folder
 * before anything is installed; only then is it moved into place (atomic rename) and its hash recorded in
 * {@code SHA256SUMS}, so a broken download is never installed and its hash never recorded.
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
  /** Prefix of the folder (in the data root) where a fetched bundle is loaded before it is installed. */
  private static final String STAGING = ".fetch-staging-";
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

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
      description = "Connect timeout and the longest wait for the headers and for each read (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--max-time", paramLabel = "SECONDS", defaultValue = "3600",
      description = "Time bound of each file's download, every attempt included (default: ${DEFAULT-VALUE}).")
  int maxTimeSeconds;

  @Option(names = "--max-size", paramLabel = "MIB", defaultValue = "1024",
      description = "Largest file accepted, in MiB, when its size is not known in advance (default: ${DEFAULT-VALUE}).")
  long maxSizeMib;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** A file ready for the loader's check: where it is now, its hash, and whether a hash already vouched for it. */
  private record Candidate(Source source, Path file, String sha256, boolean verified, boolean downloaded) {}

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
    if (attempts < 1 || timeoutSeconds < 1 || maxTimeSeconds < 1 || maxSizeMib < 1) {
      err.println("data fetch: --attempts, --timeout, --max-time and --max-size must be >= 1");
      return ExitCodes.UNUSABLE_INPUT;
    }
    Path root = (to != null ? to : data.resolve()).toAbsolutePath();
    Path dir = SafeFiles.createDirectories(root, root.resolve(bundle.benchmark()));
    String base = baseUrl != null ? (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") : bundle.baseUrl();
    Map<String, String> recorded = readSums(dir, dir.resolve(SUMS));
    Downloader downloader = new Downloader(new Downloader.Limits(Duration.ofSeconds(timeoutSeconds),
        Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(maxTimeSeconds), maxSizeMib << 20, attempts),
        "irg-eval data fetch");
    List<Candidate> ready = new ArrayList<>();
    int failures = 0;
    for (Source s : bundle.files()) {
      String expected = given.getOrDefault(s.name(), s.sha256() != null ? s.sha256() : recorded.get(s.name()));
      String from = given.containsKey(s.name()) ? "--sha256" : s.sha256() != null ? "pinned"
          : recorded.containsKey(s.name()) ? SUMS : null;
      try {
        ready.add(fetch(downloader, URI.create(base + s.name()), dir, s, expected, from, out));
      } catch (IOException | FetchException e) {
        failures++;
        err.println("data fetch: " + s.name() + ": " + e.getMessage());
      }
    }
    if (failures > 0) {
      out.flush();
      return ExitCodes.UNUSABLE_INPUT;
    }
    return checkAndInstall(bundle, root, dir, ready, recorded, out, err);
  }

  /** A download that cannot succeed by retrying (hash mismatch, HTTP error status). */
  static final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    FetchException(String message) {
      super(message);
    }
  }

  /**
   * Brings {@code dir/name} (present) or {@code dir/name.part} (downloaded) to a file whose hash is checked against
   * {@code expected} when there is one; installs nothing.
   *
   * @param expected the expected hash or null
   * @param from     where {@code expected} came from (for messages), null when there is none
   */
  Candidate fetch(Downloader downloader, URI url, Path dir, Source s, String expected, String from, PrintWriter out)
      throws IOException, FetchException {
    String name = s.name();
    Path target = dir.resolve(name);
    SafeFiles.checkFile(dir, target);
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      String have = Hashing.sha256(target);
      if (expected == null || expected.equals(have)) {
        out.printf("%-20s present, sha256 %s%s%n", name, have, expected == null ? " (no hash known: the loader checks"
            + " it)" : " (verified, " + from + ")");
        return new Candidate(s, target, have, expected != null, false);
      }
      out.printf("%-20s present but sha256 %s != %s (%s): downloading again%n", name, have, expected, from);
    }
    Path part = dir.resolve(name + ".part");
    Downloader.Result t = downloader.fetch(url, part, -1, line -> out.printf("%-20s %s%n", name, line));
    out.printf("%-20s %s %d bytes%s%n", name, t.resumedFrom() > 0 ? "resumed at " + t.resumedFrom() + "," : "got",
        t.size(), t.attempts() > 1 ? " (attempt " + t.attempts() + ")" : "");
    String got = Hashing.sha256(part);
    String want = expected;
    String wantFrom = from;
    if (want == null && t.linkedSha256() != null) {
      want = t.linkedSha256();
      wantFrom = "server X-Linked-ETag";
    }
    if (want != null && !want.equals(got)) {
      Downloader.discard(part);
      throw new FetchException("sha256 " + got + " != expected " + want + " (" + wantFrom + "); the download was"
          + " removed and nothing was installed");
    }
    if (want != null) {
      out.printf("%-20s sha256 %s (verified, %s)%n", name, got, wantFrom);
    }
    return new Candidate(s, part, got, want != null, true);
  }

  /**
   * Loads the bundle with the benchmark's own loader from a staging folder holding the new files beside the present
   * ones, before anything is installed: a file no hash vouched for (the first download of an unpinned file, maybe
   * assembled by a broken resume) is installed, and its hash recorded in {@value #SUMS}, only when it loads. A bundle
   * that does not load is not installed, its unvouched downloads are removed, and nothing is recorded.
   */
  private static int checkAndInstall(Bundle bundle, Path root, Path dir, List<Candidate> ready,
                                     Map<String, String> recorded, PrintWriter out, PrintWriter err) throws IOException {
    Optional<Benchmark> b = Registry.discover().benchmarks().stream()
        .filter(x -> x.id().equals(bundle.benchmark())).findFirst();
    PromptSet set = null;
    removeStaleStaging(root);
    if (b.isPresent()) {
      Path staging = root.resolve(STAGING + ProcessHandle.current().pid());
      try {
        Path sdir = SafeFiles.createDirectories(root, staging.resolve(bundle.benchmark()));
        for (Candidate c : ready) {
          Path at = sdir.resolve(c.source().name());
          try {
            Files.createLink(at, c.file());
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(c.file(), at);
          }
        }
        set = b.get().load(staging, OptionCheck.benchmark(b.get(), bundle.benchOptions()));
      } catch (DataException e) {
        for (Candidate c : ready) {
          if (c.downloaded() && !c.verified()) {
            Downloader.discard(c.file());
          }
        }
        err.println("data fetch: the downloaded files do not load, so nothing was installed or recorded (the"
            + " unverified downloads were removed): " + e.getMessage().replace(staging.toString(), root.toString()));
        return ExitCodes.UNUSABLE_INPUT;
      } finally {
        deleteTree(staging);
      }
    }
    for (Candidate c : ready) {
      if (c.downloaded()) {
        move(c.file(), dir.resolve(c.source().name()));
        Files.deleteIfExists(Downloader.metaOf(c.file()));
        out.printf("%-20s installed, sha256 %s %s%n", c.source().name(), c.sha256(), c.verified() ? "(verified)"
            : "(no published hash: it loads, so its hash is recorded in " + SUMS + "; later fetches verify against"
            + " it)");
      }
      recorded.put(c.source().name(), c.sha256());
    }
    writeSums(dir, recorded);
    if (set != null) {
      out.printf("%s: %d prompts (%s) in %s; %s%n", bundle.benchmark(), set.prompts().size(), set.version(),
          dir, bundle.note());
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Staging folders of fetches that were killed (their process is gone). */
  private static void removeStaleStaging(Path root) throws IOException {
    try (var s = Files.list(root)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (!n.startsWith(STAGING)) {
          continue;
        }
        try {
          long pid = Long.parseLong(n.substring(STAGING.length()));
          if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            deleteTree(p);
          }
        } catch (NumberFormatException e) {
          // not ours
        }
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** {@code sha256sum} format: {@code HEX  NAME} per line. */
  static Map<String, String> readSums(Path dir, Path f) throws IOException {
    Map<String, String> m = new TreeMap<>();
    SafeFiles.checkFile(dir, f);
    if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      String text = new String(SafeFiles.read(dir, f, 1 << 20), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String[] p = line.trim().split("\\s+\\*?", 2);
        if (p.length == 2 && HEX64.matcher(p[0].toLowerCase(Locale.ROOT)).matches()) {
          m.put(p[1], p[0].toLowerCase(Locale.ROOT));
        }
      }
    }
    return m;
  }

  private static void writeSums(Path dir, Map<String, String> sums) throws IOException {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(sums).forEach((k, v) -> sb.append(v).append("  ").append(k).append('\n'));
    AtomicFiles.write(dir, dir.resolve(SUMS), sb.toString());
  }
}
