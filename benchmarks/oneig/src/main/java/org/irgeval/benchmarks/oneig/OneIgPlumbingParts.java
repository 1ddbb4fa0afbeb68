package org.irgeval.benchmarks.oneig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import org.irgeval.api.ScoringInput;
import org.irgeval.util.Hashing;

/**
 * Plumbing stand-ins for the three embedding dimensions (reasoning, style, diversity), for the embedded demo: numbers
 * derived deterministically from the image's pixels, never a model's judgement, and labelled so. The tile's
 * "embedding" is its 4x4 mean-colour thumbnail (48 numbers); diversity is then 1 - cos of two thumbnails, as DreamSim's
 * distance is 1 - cos of its embeddings; reasoning is the cosine of the thumbnail with a vector drawn from a hash of
 * the GT answer; style's dot products are cosines with vectors drawn from a hash of the style name.
 */
final class OneIgPlumbingParts {
  static final int THUMB = 4;

  private OneIgPlumbingParts() {}

  static double[] thumbnail(BufferedImage img) {
    double[] v = new double[THUMB * THUMB * 3];
    int w = img.getWidth();
    int h = img.getHeight();
    long[] sum = new long[v.length];
    long[] n = new long[THUMB * THUMB];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int c = img.getRGB(x, y);
        int cell = (y * THUMB / h) * THUMB + x * THUMB / w;
        sum[cell * 3] += (c >> 16) & 0xff;
        sum[cell * 3 + 1] += (c >> 8) & 0xff;
        sum[cell * 3 + 2] += c & 0xff;
        n[cell]++;
      }
    }
    for (int k = 0; k < v.length; k++) {
      v[k] = n[k / 3] == 0 ? 0 : sum[k] / (255.0 * n[k / 3]);
    }
    return v;
  }

  /** A vector in [0,1]^n drawn from a hash of {@code text}. */
  static double[] hashed(String text, int n) {
    double[] v = new double[n];
    String h = "";
    for (int k = 0; k < n; k++) {
      if (k % 16 == 0) {
        h = Hashing.sha256((text + "#" + k / 16).getBytes(StandardCharsets.UTF_8));
      }
      v[k] = Integer.parseInt(h.substring((k % 16) * 4, (k % 16) * 4 + 4), 16) / 65535.0;
    }
    return v;
  }

  static OneIgPart reasoning() {
    return new Part("reasoning=plumbing(thumbnail-cosine)") {
      @Override
      public OneIgTile add(ScoringInput input, BufferedImage image, byte[] png, OneIgTile tile, ObjectNode detail) {
        double[] t = thumbnail(image);
        return tile.withCosine(OneIgRules.cosine(t, hashed(input.prompt().metadata().path("gt_answer").asText(),
            t.length)) - 0.5);
      }
    };
  }

  static OneIgPart style() {
    return new Part("style=plumbing(thumbnail-cosines)") {
      @Override
      public OneIgTile add(ScoringInput input, BufferedImage image, byte[] png, OneIgTile tile, ObjectNode detail) {
        double[] t = thumbnail(image);
        String s = input.prompt().metadata().path("style").asText();
        double[] csd = new double[3];
        double[] se = new double[3];
        for (int j = 0; j < 3; j++) {
          csd[j] = OneIgRules.cosine(t, hashed("csd:" + s + ":" + j, t.length)) - 0.6;
          se[j] = 0.7 * (OneIgRules.cosine(t, hashed("se:" + s + ":" + j, t.length)) - 0.5);
        }
        return tile.withStyle(csd, se);
      }
    };
  }

  static OneIgPart diversity() {
    return new Part("diversity=plumbing(thumbnail)") {
      @Override
      public OneIgTile add(ScoringInput input, BufferedImage image, byte[] png, OneIgTile tile, ObjectNode detail) {
        return tile.withEmbedding(thumbnail(image));
      }
    };
  }

  private abstract static class Part implements OneIgPart {
    private final String fingerprint;

    Part(String fingerprint) {
      this.fingerprint = fingerprint;
    }

    @Override
    public String fingerprint() {
      return fingerprint;
    }
  }
}
