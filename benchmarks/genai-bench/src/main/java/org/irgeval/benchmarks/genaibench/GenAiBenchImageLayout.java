package org.irgeval.benchmarks.genaibench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.Prompt;
import org.irgeval.store.AtomicFiles;

/**
 * The official image folder: {@code <output_dir>/<gen_model>/<prompt_idx>.jpeg}, one image per prompt
 * (linzhiqiu/t2v_metrics@6ecb74f genai_bench/generate.py l.124-127 writes it, evaluate.py l.103 reads it). The
 * layout's root is the {@code <gen_model>} folder: an export {@code exports/genai-bench/reflection/} is read by
 * {@code evaluate.py --output_dir exports/genai-bench --gen_model reflection}.
 *
 * <p>{@code write} puts the JPEG the official script reads (quality 0.75, PIL's default for {@code .save(...jpeg)})
 * and the lossless PNG beside it; {@code find} prefers the PNG, else {@code .jpeg}/{@code .jpg} (images made
 * elsewhere, read by {@code --pipeline images}). Samples k &gt; 0 go to {@code sample-k/}.
 */
final class GenAiBenchImageLayout implements ImageLayout {
  static final float JPEG_QUALITY = 0.75f;

  @Override
  public Optional<Path> find(Path root, Prompt prompt, int sample) {
    Path dir = dir(root, prompt, sample);
    for (String ext : new String[] {".png", ".jpeg", ".jpg"}) {
      Path p = dir.resolve(prompt.id() + ext);
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Override
  public void write(Path root, Prompt prompt, int sample, byte[] png) throws IOException {
    Path dir = dir(root, prompt, sample);
    AtomicFiles.write(root, dir.resolve(prompt.id() + ".jpeg"), jpeg(png));
    AtomicFiles.write(root, dir.resolve(prompt.id() + ".png"), png);
  }

  private static Path dir(Path root, Prompt prompt, int sample) {
    if (!prompt.id().matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("a GenAI-Bench prompt id is a prompt_idx: " + prompt.id());
    }
    if (sample < 0) {
      throw new IllegalArgumentException("sample must be >= 0: " + sample);
    }
    return sample == 0 ? root : root.resolve("sample-" + sample);
  }

  /** RGB JPEG of an image (alpha dropped, as PIL's RGB pipeline has none). */
  static byte[] jpeg(byte[] png) throws IOException {
    BufferedImage in = ImageIO.read(new ByteArrayInputStream(png));
    if (in == null) {
      throw new IOException("not an image ImageIO can read");
    }
    BufferedImage rgb = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(in, 0, 0, null);
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      w.setOutput(ios);
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(JPEG_QUALITY);
      w.write(null, new IIOImage(rgb, null, null), p);
    } finally {
      w.dispose();
    }
    return out.toByteArray();
  }
}
