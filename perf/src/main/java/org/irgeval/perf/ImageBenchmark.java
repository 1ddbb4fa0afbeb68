package org.irgeval.perf;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.irgeval.util.Hashing;
import org.irgeval.util.PngCheck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every stored turn costs the harness on a 1024² image (the IRG output size): the full PNG decode that
 * refuses truncated images before they are stored (PngCheck), the SHA-256 recorded in the trajectory and checked
 * before scoring, and a PNG encode (the reference pipeline, exports that re-encode). A noisy photo-like image, so
 * the PNG is about as large as a real one (~1-3 MB).
 *
 * <p>{@code java -jar perf/target/benchmarks.jar ImageBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ImageBenchmark {
  private BufferedImage image;
  private byte[] png;

  @Setup
  public void setUp() throws IOException {
    image = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    Random rnd = new Random(1);
    for (int i = 0; i < 400; i++) {
      g.setColor(new Color(rnd.nextInt(0xFFFFFF)));
      g.fillOval(rnd.nextInt(1024), rnd.nextInt(1024), 20 + rnd.nextInt(200), 20 + rnd.nextInt(200));
    }
    g.dispose();
    for (int y = 0; y < 1024; y++) {
      for (int x = 0; x < 1024; x++) {
        int n = rnd.nextInt(16);
        image.setRGB(x, y, image.getRGB(x, y) ^ (n | n << 8 | n << 16));
      }
    }
    png = encode();
  }

  @Benchmark
  public byte[] encode() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 21);
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Benchmark
  public BufferedImage decodeCheck() throws IOException {
    return PngCheck.decode(png);
  }

  @Benchmark
  public String sha256() {
    return Hashing.sha256(png);
  }
}
