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
  private final Registry registry;

  public ReportWriter(Registry registry) {
    this.registry = registry;
  }

  /** What was written. */
  /** A run given to the report that has nothing to show; the report command answers it with exit 2. */
  public static final class NothingToReport extends IOException {
    private static final long serialVersionUID = 1L;

    NothingToReport(String message) {
      super(message);
    }
  }

  public record Written(Path markdown, Path html, List<Path> tables, List<String> plots, ReportModel model,
                        List<String> notes) {}

  /**
   * @param runDirs       the runs, first = the baseline of the run-vs-run comparisons
   * @param paper         published rows to show ("irg"), or null
   * @param selfContained embed images in the HTML
   */
  public Written write(List<Path> runDirs, Path out, String paper, boolean selfContained) throws IOException {
    return write(runDirs, out, paper, selfContained, null, false);
  }

  /**
   * The {@code report} command's report: as {@link #write(List, Path, String, boolean)}, but a run with no scored
   * image is refused ({@link NothingToReport}) before anything is written, where a run's own report (the demo's)
   * shows its failures instead.
   *
   * @param trend a run label to order and plot the runs by ({@code report --trend step}), or null
   */
  public Written writeScored(List<Path> runDirs, Path out, String paper, boolean selfContained, String trend)
      throws IOException {
    return write(runDirs, out, paper, selfContained, trend, true);
  }

  private Written write(List<Path> runDirs, Path out, String paper, boolean selfContained, String trend,
                        boolean refuseUnscored) throws IOException {
    ReportModel m = model(runDirs, paper, trend);
    for (RunView r : m.runs()) {
      if (refuseUnscored && !r.hasScoredImage()) {
        // a run with 0 prompts (or only failures) would give a report of empty tables and exit 0
        throw new NothingToReport(r.dir().resolve("summary.json") + ": no benchmark of this run has a scored image"
            + " (0 prompts scored); score it first ('irg-eval score " + r.dir() + "') or leave it out of the report");
      }
    }
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
    m.runs().forEach(r -> notes.addAll(r.snapshot().notes()));
    return new Written(md, html, tables, plots, m, List.copyOf(notes));
  }

  /**
   * {@code RUN/report.md}, which every run writes: the same content and renderer as a report of many runs (the
   * tables, the published rows with the reproduction verdict, the notes, the reflection analysis, the cost).
   */
  public Path writeRunMarkdown(Path runDir, String paper) throws IOException {
    Path md = runDir.resolve("report.md");
    AtomicFiles.write(runDir, md, new ReportMarkdown().render(model(List.of(runDir), paper, null)));
    return md;
  }

  private ReportModel model(List<Path> runDirs, String paper, String trend) throws IOException {
    List<RunView> runs = new ArrayList<>();
    Set<String> labels = new HashSet<>();
    for (Path d : runDirs) {
      String label = d.toAbsolutePath().normalize().getFileName().toString();
      for (int i = 2; !labels.add(label); i++) {
        label = d.getFileName() + " (" + i + ")";
      }
      runs.add(RunView.read(d, label));
    }
    // One bootstrap for every number of a report (fixed, so a report is reproducible).
    return ReportModel.build(registry, runs, paper, new Comparisons(StratifiedBootstrap.standard()), trend);
  }
}
