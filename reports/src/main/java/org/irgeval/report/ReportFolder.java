package org.irgeval.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.SafeFiles;
import org.irgeval.util.Json;

/**
 * The folder a report is written into ({@code report --out}), guarded like {@code run --out}: a report rewrites
 * {@code report.md}, {@code report.html}, {@code tables/} and {@code plots/}, so it goes only into a new or empty
 * folder, or into an earlier report of the same runs, recognised by its marker file {@value #MARKER} (the runs'
 * absolute paths, in order). A user's folder, or another set of runs' report, is refused by name.
 */
final class ReportFolder {
  static final String MARKER = ".irg-eval-report.json";
  private final ObjectMapper mapper = Json.mapper();

  /** Refuses {@code out} unless it may hold the report of {@code runs}; then (re)writes its marker. */
  void claim(Path out, List<Path> runs) throws IOException {
    List<String> ids = new ArrayList<>();
    for (Path r : runs) {
      ids.add(r.toAbsolutePath().normalize().toString());
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ReportFolderException(out + " is a file, not a folder: give --out a folder for the report");
    }
    if (Files.isDirectory(out)) {
      boolean empty;
      try (var s = Files.list(out)) {
        // the temp file of a write a kill interrupted (AtomicFiles: ".NAME.XXXX.tmp") does not make a folder a user's
        empty = s.noneMatch(p -> !(p.getFileName().toString().startsWith(".")
            && p.getFileName().toString().endsWith(".tmp")));
      }
      if (!empty) {
        Path marker = out.resolve(MARKER);
        SafeFiles.checkFile(out, marker);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
          throw new ReportFolderException(out + " is not empty and holds no irg-eval report (no " + MARKER
              + "): choose another --out (a report rewrites report.md, report.html, tables/ and plots/)");
        }
        List<String> had = new ArrayList<>();
        try {
          JsonNode n = mapper.readTree(SafeFiles.read(out, marker, 1 << 20));
          n.path("runs").forEach(x -> had.add(x.asText()));
        } catch (IOException e) {
          throw new ReportFolderException(marker + ": unreadable report marker (" + e.getMessage() + "): choose"
              + " another --out or remove the folder");
        }
        if (!had.equals(ids)) {
          throw new ReportFolderException(out + " holds the report of other runs " + had + ": choose another --out"
              + " (or remove it) to report on " + ids);
        }
      }
    }
    var o = mapper.createObjectNode();
    ids.forEach(o.putArray("runs")::add);
    AtomicFiles.write(out.toAbsolutePath(), out.toAbsolutePath().resolve(MARKER),
        mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
  }

  /** The report folder is refused. */
  static final class ReportFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    ReportFolderException(String message) {
      super(message);
    }
  }
}
