package org.irgeval.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.Prompt;
import org.irgeval.api.Trajectory;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.RunStore;

/**
 * The run's images in each benchmark's official layout ({@code exports/<benchmark>/<variant>/}), so the official
 * scripts can be run on them. Layouts that keep the PNG bytes unchanged get hard links to the stored images (no
 * second copy, no per-file fsync: the directories are fsynced once each); a copy is made only where a link is
 * impossible (another file system), and the manifest says so. {@code exports/.exported} lists what was placed
 * (benchmark, variant, prompt, sample, image hash), so a resumed run only places new images.
 */
final class OfficialExports {
  static final String INDEX = ".exported";

  private OfficialExports() {}

  /** Places every stored image not yet exported; returns counts for the manifest. */
  static ObjectNode export(RunStore store, List<BenchmarkRun> benches) throws IOException {
    long t0 = System.nanoTime();
    Path exports = store.dir().resolve("exports");
    Path indexFile = exports.resolve(INDEX);
    Set<String> done = new HashSet<>();
    if (Files.isRegularFile(indexFile)) {
      done.addAll(Files.readAllLines(indexFile, StandardCharsets.UTF_8));
    }
    int before = done.size();
    StringBuilder added = new StringBuilder();
    FileLinks links = new FileLinks();
    int rewritten = 0;
    for (BenchmarkRun b : benches) {
      Optional<ImageLayout> layout = b.benchmark().officialLayout();
      if (layout.isEmpty()) {
        continue;
      }
      Map<String, Prompt> prompts = new LinkedHashMap<>();
      b.prompts().prompts().forEach(p -> prompts.put(p.id(), p));
      for (Trajectory t : store.trajectories()) {
        Prompt p = prompts.get(t.promptId());
        if (!t.benchmark().equals(b.id()) || p == null) {
          continue;
        }
        for (Trajectory.Turn turn : t.turns()) {
          String key = b.id() + "\t" + turn.variant() + "\t" + p.id() + "\t" + t.sample() + "\t" + turn.sha256();
          if (done.contains(key)) {
            continue;
          }
          Path root = exports.resolve(b.id()).resolve(turn.variant());
          if (layout.get().find(root, p, t.sample()).isEmpty()) {
            layout.get().place(root, p, t.sample(), store.dir().resolve(turn.image()), links::place);
            rewritten++;
          }
          done.add(key);
          added.append(key).append('\n');
        }
      }
    }
    links.syncDirectories();
    if (done.size() > before) {
      byte[] old = Files.isRegularFile(indexFile) ? Files.readAllBytes(indexFile) : new byte[0];
      byte[] add = added.toString().getBytes(StandardCharsets.UTF_8);
      byte[] all = java.util.Arrays.copyOf(old, old.length + add.length);
      System.arraycopy(add, 0, all, old.length, add.length);
      AtomicFiles.write(indexFile, all);
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("images", done.size());
    o.put("placed_this_session", rewritten);
    o.put("hard_linked_this_session", links.linked());
    o.put("copied_this_session", links.copied());
    // layouts that transform the image (GenAI-Bench's JPEG beside the PNG, OneIG's 2x2 grids) write new files
    o.put("written_by_layout_this_session", rewritten - links.linked() - links.copied());
    if (links.copyReason() != null) {
      o.put("copy_reason", links.copyReason());
    }
    o.put("seconds", (System.nanoTime() - t0) / 1e9);
    return o;
  }
}
