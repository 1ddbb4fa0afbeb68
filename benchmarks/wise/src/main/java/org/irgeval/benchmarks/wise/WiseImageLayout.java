package org.irgeval.benchmarks.wise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.Prompt;
import org.irgeval.store.AtomicFiles;

/**
 * The official image folder: one flat directory with {@code <prompt_id>.png}, no padding, no subfolders
 * (gpt_eval.py l.244, vllm_eval.py l.267). WISE has one image per prompt; further samples k &gt; 0 go to
 * {@code sample-k/<prompt_id>.png}, each of which is again a folder the official script can read.
 */
final class WiseImageLayout implements ImageLayout {
  @Override
  public Optional<Path> find(Path root, Prompt prompt, int sample) {
    Path p = path(root, prompt, sample);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  @Override
  public void write(Path root, Prompt prompt, int sample, byte[] png) throws IOException {
    AtomicFiles.write(root, path(root, prompt, sample), png);
  }

  @Override
  public void place(Path root, Prompt prompt, int sample, Path png, FilePlacer placer) throws IOException {
    placer.place(png, path(root, prompt, sample));
  }

  static Path path(Path root, Prompt prompt, int sample) {
    if (!prompt.id().matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("a WISE prompt id is a prompt_id integer: " + prompt.id());
    }
    if (sample < 0) {
      throw new IllegalArgumentException("sample must be >= 0: " + sample);
    }
    Path dir = sample == 0 ? root : root.resolve("sample-" + sample);
    return dir.resolve(prompt.id() + ".png");
  }
}
