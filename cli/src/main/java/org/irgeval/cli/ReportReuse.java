package org.irgeval.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.irgeval.report.ReportWriter;
import org.irgeval.report.RunLabels;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.RunStore;
import org.irgeval.store.SafeFiles;
import org.irgeval.store.record.RecordJson;
import org.irgeval.store.record.Summary;
import org.irgeval.util.BuildInfo;
import org.irgeval.util.Hashing;
import org.irgeval.util.Json;

/**
 * Reuse of a report whose inputs have not changed. A report is a pure function of its runs' results (the summary's
 * per-benchmark part, itself keyed on the journals' bytes by {@code inputs_sha256}), the runs' configurations and
 * labels, the report's options and the code; its SHA-256 over all of them is kept beside the report, and a report
 * with the same key is not recomputed (the demo's rerun: its bootstraps and plots took ~20 s for nothing). Any change
 * of any input changes the key, so it is recomputed.
 */
final class ReportReuse {
  /** The key of the report in a folder, written after the report itself (a report cut short has none). */
  static final String KEY_FILE = ".inputs.sha256";

  private ReportReuse() {}

  /** The key of a report of {@code runs} with these options ({@code kind}: which report, e.g. "html" or "run-md"). */
  static String key(List<Path> runs, String kind, String... options) throws IOException {
    MessageDigest md = Hashing.sha256();
    update(md, kind + "\n" + String.join("\n", java.util.Arrays.asList(options).stream().map(String::valueOf).toList()));
    update(md, BuildInfo.version() + " " + BuildInfo.gitCommit() + " " + codeStamp());
    for (Path run : runs) {
      update(md, run.toAbsolutePath().normalize().toString());
      update(md, stableSummary(run.resolve(RunStore.SUMMARY)));
      update(md, stableManifest(run.resolve(RunStore.MANIFEST)));
      Path labels = run.resolve(RunLabels.FILE);
      update(md, Files.isRegularFile(labels) ? Files.readString(labels) : "");
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** True when {@code out} holds a complete report made from inputs with this key. */
  static boolean fresh(Path out, String key, String... files) throws SafeFiles.UnsafePathException {
    return fresh(out, out.resolve(KEY_FILE), key, files);
  }

  /**
   * True when {@code keyFile} holds this key and every one of {@code files} is in {@code out}. A link in their place
   * is refused by name, as everywhere in a run directory (it is neither read nor, later, replaced).
   */
  static boolean fresh(Path out, Path keyFile, String key, String... files) throws SafeFiles.UnsafePathException {
    SafeFiles.checkFile(out, keyFile);
    for (String f : files) {
      SafeFiles.checkFile(out, out.resolve(f));
    }
    try {
      Path k = keyFile;
      if (!Files.isRegularFile(k) || !Files.readString(k).strip().equals(key)) {
        return false;
      }
      for (String f : files) {
        if (!Files.isRegularFile(out.resolve(f))) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Records the key of the report just written in {@code out} (atomically, after the report). */
  static void record(Path out, String key) throws IOException {
    AtomicFiles.write(out, out.resolve(KEY_FILE), key + "\n");
  }

  /** Where a report is and whether it was reused. */
  record Outcome(Path file, boolean reused) {
    String said() {
      return reused ? "reused: its inputs are unchanged" : "written";
    }
  }

  /** The demo's full report in {@code out}: reused when its inputs are unchanged, else written. */
  static Outcome demoReport(ReportWriter writer, Path run, Path out) throws IOException {
    String key = key(List.of(run), "html", "irg", "false");
    if (fresh(out, key, "report.html", "report.md")) {
      return new Outcome(out.resolve("report.html"), true);
    }
    Files.deleteIfExists(out.resolve(KEY_FILE)); // a report cut short below must not look current
    writer.write(List.of(run), out, "irg", false);
    record(out, key);
    return new Outcome(out.resolve("report.html"), false);
  }

  /** The summary's results without session-bound fields, as text; "" when absent. */
  private static String stableSummary(Path f) throws IOException {
    if (!Files.isRegularFile(f)) {
      return "";
    }
    try {
      return new String(RecordJson.bytes(Summary.of(Json.mapper().readTree(f.toFile())).withoutSession()),
          StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return Files.readString(f, StandardCharsets.ISO_8859_1); // unreadable: the report names the file itself
    }
  }

  /** The manifest without one session's bookkeeping, as text; "" when absent. */
  private static String stableManifest(Path f) throws IOException {
    if (!Files.isRegularFile(f)) {
      return "";
    }
    try {
      return new String(RecordJson.bytes(RunStore.readManifestOf(f.getParent()).withoutSessionBookkeeping()),
          StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return Files.readString(f, StandardCharsets.ISO_8859_1); // unreadable: the report names the file itself
    }
  }

  /** When the running code was built: a rebuilt jar (or class folder) gives other reports. */
  private static String codeStamp() {
    try {
      Path p = Path.of(ReportWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return String.valueOf(Files.getLastModifiedTime(p).toMillis());
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }
}
