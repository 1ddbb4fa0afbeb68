package org.irgeval.download;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.irgeval.api.Benchmark;
import org.irgeval.api.DataException;
import org.irgeval.api.PromptSet;
import org.irgeval.api.PublicFile;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.SafeFiles;
import org.irgeval.util.Hashing;

/**
 * Brings one benchmark's public files ({@link Benchmark#publicFiles}) into {@code <root>/<id>/} through the one
 * {@link Downloader}: each file is downloaded to {@code <path>.part} (resumed by a later call), checked against its
 * size and SHA-256, and only when every file of the benchmark passed are they moved into place, each by an atomic
 * rename. A wrong byte anywhere fails the benchmark: that download is removed and nothing of the benchmark is
 * installed.
 *
 * <p>Expected hashes, first found wins: the caller's override ({@code --sha256}); the one the benchmark pins; the one
 * an earlier fetch recorded in {@code <id>/SHA256SUMS}; the server's {@code X-Linked-ETag} when it is a SHA-256 (the
 * Hugging Face hub sends it for LFS files). A file no hash vouches for (the first download of an unpinned file) is
 * installed only when the benchmark's own loader accepts it in a staging folder; its hash is then recorded in
 * {@code SHA256SUMS} so later fetches verify against it.
 */
public final class BenchmarkFetch {
  /** The hashes recorded by earlier fetches, {@code sha256sum} format. */
  public static final String SUMS = "SHA256SUMS";
  /** Prefix of the folder (in the data root) where unvouched downloads are loaded before they are installed. */
  private static final String STAGING = ".fetch-staging-";
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /**
   * One benchmark's outcome.
   *
   * @param benchmark the benchmark id
   * @param installed files downloaded and installed by this call
   * @param present   files already in place with the expected bytes
   * @param failures  one line per problem (URL and cause); empty when the benchmark's files are all in place
   * @param prompts   the loaded set when the installed files load, else null
   * @param loadError the loader's message when they do not, else null
   */
  public record Outcome(String benchmark, int installed, int present, List<String> failures, PromptSet prompts,
                        String loadError) {
    public boolean ok() {
      return failures.isEmpty() && prompts != null;
    }
  }

  private record Candidate(PublicFile file, Path at, String sha256, boolean verified, boolean downloaded) {}

  private final Downloader downloader;
  private final URI mirror;
  private final Map<String, String> overrides;
  private final Consumer<String> log;

  /**
   * @param mirror    a folder URL holding the data root's layout ({@code <mirror>/<id>/<path>}), or null for each
   *                  file's official URL
   * @param overrides expected SHA-256 by file path (relative to the benchmark folder) or by {@code <id>/<path>}
   * @param log       one line per step, for the user
   */
  public BenchmarkFetch(Downloader downloader, URI mirror, Map<String, String> overrides, Consumer<String> log) {
    this.downloader = downloader;
    this.mirror = mirror == null || mirror.toString().endsWith("/") ? mirror : URI.create(mirror + "/");
    this.overrides = Map.copyOf(overrides);
    this.log = log;
  }

  /** Where {@code f} of {@code benchmark} is downloaded from. */
  public URI source(String benchmark, PublicFile f) {
    return mirror == null ? f.url() : mirror.resolve(benchmark + "/" + f.path());
  }

  /**
   * Fetches, verifies and installs the files {@code b} reads with {@code options} (already checked), then loads
   * them with the benchmark's loader.
   */
  public Outcome fetch(Benchmark b, Path root, Map<String, String> options) throws IOException {
    List<PublicFile> files = b.publicFiles(options);
    if (files.isEmpty()) {
      return new Outcome(b.id(), 0, 0, List.of("no public source is declared for these options; official files: "
          + b.officialSource()), null, null);
    }
    Path dir = SafeFiles.createDirectories(root, root.resolve(b.id()));
    Map<String, String> recorded = readSums(dir);
    List<Candidate> ready = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (PublicFile f : files) {
      URI url = source(b.id(), f);
      try {
        ready.add(fetchOne(b.id(), dir, f, url, recorded));
      } catch (IOException e) {
        failures.add(f.path() + " from " + url + ": " + Downloader.cause(e));
      }
    }
    if (!failures.isEmpty()) {
      return new Outcome(b.id(), 0, 0, failures, null, null);
    }
    if (ready.stream().anyMatch(c -> !c.verified())) {
      String bad = loadStaged(b, root, ready, options);
      if (bad != null) {
        return new Outcome(b.id(), 0, 0, List.of("the downloaded files do not load, so nothing was installed or"
            + " recorded (the unverified downloads were removed): " + bad), null, null);
      }
    }
    int installed = 0;
    for (Candidate c : ready) {
      if (c.downloaded()) {
        Path target = dir.resolve(c.file().path());
        move(c.at(), target);
        Files.deleteIfExists(Downloader.metaOf(c.at()));
        installed++;
        log.accept(c.file().path() + ": installed, sha256 " + c.sha256() + (c.verified() ? " (verified)"
            : " (no published hash: it loads, so its hash is recorded in " + SUMS + ")"));
      }
      recorded.put(c.file().path(), c.sha256());
    }
    writeSums(dir, recorded);
    try {
      return new Outcome(b.id(), installed, ready.size() - installed, List.of(), b.load(root, options), null);
    } catch (DataException e) {
      return new Outcome(b.id(), installed, ready.size() - installed, List.of(), null, e.getMessage());
    }
  }

  /** Brings one file to a verified {@code .part} (or finds it in place); installs nothing. */
  private Candidate fetchOne(String id, Path dir, PublicFile f, URI url, Map<String, String> recorded)
      throws IOException {
    String expected = overrides.get(id + "/" + f.path());
    String from = "--sha256";
    if (expected == null) {
      expected = overrides.get(f.path());
    }
    if (expected == null && f.sha256() != null) {
      expected = f.sha256();
      from = "pinned";
    } else if (expected == null && recorded.containsKey(f.path())) {
      expected = recorded.get(f.path());
      from = SUMS;
    }
    Path target = dir.resolve(f.path());
    SafeFiles.checkFile(dir, target);
    if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      String have = Hashing.sha256(target);
      if (expected == null || expected.equals(have)) {
        log.accept(f.path() + ": present, sha256 " + have + (expected == null ? " (no hash known: the loader"
            + " checks it)" : " (verified, " + from + ")"));
        return new Candidate(f, target, have, expected != null, false);
      }
      log.accept(f.path() + ": present but sha256 " + have + " != " + expected + " (" + from + "): downloading again");
    }
    SafeFiles.createDirectories(dir, target.getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part");
    Downloader.Result t = downloader.fetch(url, part, f.size(), line -> log.accept(f.path() + ": " + line));
    log.accept(f.path() + ": " + (t.resumedFrom() > 0 ? "resumed at " + t.resumedFrom() + "," : "got") + " "
        + t.size() + " bytes" + (t.attempts() > 1 ? " (attempt " + t.attempts() + ")" : ""));
    String got = Hashing.sha256(part);
    if (expected == null && t.linkedSha256() != null) {
      expected = t.linkedSha256();
      from = "server X-Linked-ETag";
    }
    if (f.size() >= 0 && t.size() != f.size() || expected != null && !expected.equals(got)) {
      Downloader.discard(part);
      throw new Downloader.RefusedException((f.size() >= 0 && t.size() != f.size() ? t.size() + " bytes != "
          + f.size() + " expected; " : "") + "sha256 " + got + " != expected " + expected + " (" + from
          + "); the download was removed and nothing of " + id + " was installed");
    }
    if (expected != null) {
      log.accept(f.path() + ": sha256 " + got + " (verified, " + from + ")");
    }
    return new Candidate(f, part, got, expected != null, true);
  }

  /**
   * Loads the benchmark from a staging copy of the new files beside the present ones; returns null when it loads,
   * else the loader's message (after removing the unvouched downloads).
   */
  private String loadStaged(Benchmark b, Path root, List<Candidate> ready, Map<String, String> options)
      throws IOException {
    removeStaleStaging(root);
    Path staging = root.resolve(STAGING + ProcessHandle.current().pid());
    try {
      Path sdir = SafeFiles.createDirectories(root, staging.resolve(b.id()));
      for (Candidate c : ready) {
        Path at = sdir.resolve(c.file().path());
        Files.createDirectories(at.getParent());
        try {
          Files.createLink(at, c.at());
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(c.at(), at);
        }
      }
      b.load(staging, options);
      return null;
    } catch (DataException e) {
      for (Candidate c : ready) {
        if (c.downloaded() && !c.verified()) {
          Downloader.discard(c.at());
        }
      }
      return e.getMessage().replace(staging.toString(), root.toString());
    } finally {
      deleteTree(staging);
    }
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

  /** {@code sha256sum} format: {@code HEX  PATH} per line. */
  public static Map<String, String> readSums(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    Path f = dir.resolve(SUMS);
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
