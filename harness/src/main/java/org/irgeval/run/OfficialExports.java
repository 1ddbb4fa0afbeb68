package org.irgeval.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.Prompt;
import org.irgeval.api.Trajectory;
import org.irgeval.store.RunStore;

/** The run's images in each benchmark's official layout, so the official scripts can be run on them. */
final class OfficialExports {
  private OfficialExports() {}

  /** Copies every stored image into {@code exports/<benchmark>/<variant>/} in the official layout. */
  static void export(RunStore store, List<BenchmarkRun> benches) throws IOException {
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
          Path root = store.dir().resolve("exports").resolve(b.id()).resolve(turn.variant());
          if (layout.get().find(root, p, t.sample()).isEmpty()) {
            layout.get().write(root, p, t.sample(), Files.readAllBytes(store.dir().resolve(turn.image())));
          }
        }
      }
    }
  }
}
