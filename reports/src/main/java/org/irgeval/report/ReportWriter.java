package org.irgeval.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.irgeval.run.Registry;
import org.irgeval.stats.StratifiedBootstrap;
import org.irgeval.store.AtomicFiles;

/**
 * {@code irg-eval report RUN [RUN ...]}: writes {@code report.md}, {@code report.html}, {@code tables/<benchmark>.csv}
 * and {@code plots/*.png|svg} into one folder.
 */
public final class ReportWriter {
  /** Replicates and seed of every bootstrap in a report (fixed, so a report is reproducible). */
  static final int REPLICATES = 1000;
  static final long SEED = 20250906L;

  private final Registry registry;

  public ReportWriter(Registry registry) {
    this.registry = registry;
  }

  /** What was written. */
  public record Written(Path markdown, Path html, List<Path> tables, List<String> plots, ReportModel model,
                        List<String> notes) {}

  /**
   * @param runDirs       the runs, first = the baseline of the run-vs-run comparisons
   * @param paper         published rows to show ("irg"), or null
   * @param selfContained embed images in the HTML
   */
  public Written write(List<Path> runDirs, Path out, String paper, boolean selfContained) throws IOException {
    List<RunView> runs = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (Path d : runDirs) {
      String label = d.toAbsolutePath().normalize().getFileName().toString();
      for (int i = 2; !labels.add(label); i++) {
        label = d.getFileName() + " (" + i + ")";
      }
      runs.add(RunView.read(d, label));
    }
    ReportModel m = ReportModel.build(registry, runs, paper,
        new Comparisons(new StratifiedBootstrap(REPLICATES, SEED)));
    new ReportFolder().claim(out, runDirs);
    Path md = out.resolve("report.md");
    AtomicFiles.write(out, md, new ReportMarkdown().render(m));
    List<Path> tables = new ArrayList<>();
    for (BenchmarkTable t : m.tables()) {
      Path csv = out.resolve("tables").resolve(ReportPlots.safe(t.benchmark()) + ".csv");
      AtomicFiles.write(out, csv, new ReportCsv().render(t));
      tables.add(csv);
    }
    List<String> plots = new ReportPlots().write(m, out);
    Path html = out.resolve("report.html");
    AtomicFiles.write(out, html, new ReportHtml(registry).render(m, out, plots, selfContained));
    List<String> notes = new ArrayList<>();
    runs.forEach(r -> notes.addAll(r.snapshot().notes()));
    return new Written(md, html, tables, plots, m, List.copyOf(notes));
  }
}
