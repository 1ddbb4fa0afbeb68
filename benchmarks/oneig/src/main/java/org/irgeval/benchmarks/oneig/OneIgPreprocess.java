package org.irgeval.benchmarks.oneig;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.irgeval.scoring.image.PilBicubic;

/**
 * The image pre-processing of the four OneIG embedding models, ported so the Java tensor equals the Python one
 * (checked against the reference Python on fixture images: {@code src/test/resources/fixtures/make_fixtures.py}, test
 * {@code OneIgPreprocessTest}). Every resize is Pillow's BICUBIC ({@link PilBicubic}); the float steps are done
 * in float32 in the official order.
 * <ul>
 *   <li>{@link #CSD}: OneIG-Bench/OneIG-Benchmark@41b4983 {@code scripts/utils/inference.py} l.101-109, torchvision
 *       {@code Resize(224, BICUBIC)} (short side 224, long side {@code int(224 * long / short)}), {@code CenterCrop(224)}
 *       (offsets {@code int(round((n - 224) / 2.0))}, half to even), {@code ToTensor} ({@code x / 255} in float32),
 *       {@code Normalize(CLIP mean, std)} ({@code (x - m) / s} in float32); the image is {@code convert('RGB')} (l.122).</li>
 *   <li>{@link #SE}: inference.py l.136 and l.143, transformers {@code CLIPImageProcessor()} with its defaults
 *       (image_processing_clip.py {@code __init__}: shortest_edge 224, BICUBIC, crop 224, rescale 1/255, OPENAI_CLIP
 *       mean/std, convert RGB): {@code get_resize_output_image_size} (same short/long rule), PIL resize,
 *       {@code center_crop} (offsets {@code (n - 224) // 2}, floor), {@code rescale} ({@code float64(x) * (1/255)} cast to
 *       float32), {@code normalize} (float32). The model then runs in bfloat16 (l.130, l.143): an export concern
 *       (tools/export_style_encoder.py).</li>
 *   <li>{@link #LLM2CLIP}: inference.py l.158 and l.189, {@code CLIPImageProcessor.from_pretrained(
 *       "openai/clip-vit-large-patch14-336")} (preprocessor_config.json: shortest_edge 336, crop 336, resample 3 =
 *       BICUBIC, the same mean/std, rescale 1/255): as {@link #SE} with 336.</li>
 *   <li>{@link #DREAMSIM}: OneIG diversity_score.py l.21-24 calls {@code dreamsim(pretrained=True)}, whose preprocess is
 *       ssundaram21/dreamsim {@code dreamsim/model.py} l.298-306: {@code convert('RGB')}, torchvision
 *       {@code Resize((224, 224), BICUBIC)} (both sides, aspect not kept, no crop), {@code ToTensor}; the per-backbone
 *       normalisation is inside the model (model.py l.175-176) and so inside the export.</li>
 * </ul>
 * All four read the tile after the official splitter saved it as JPEG (utils.py l.55-56, PIL default quality 75);
 * {@link #jpegRoundTrip} does the same with the JDK's encoder (an approximation of Pillow's, measured in the test).
 */
enum OneIgPreprocess {
  CSD(224, Resize.SHORT_SIDE_TORCHVISION, true),
  SE(224, Resize.SHORT_SIDE_TRANSFORMERS, true),
  LLM2CLIP(336, Resize.SHORT_SIDE_TRANSFORMERS, true),
  DREAMSIM(224, Resize.SQUARE, false);

  /** OPENAI_CLIP_MEAN / OPENAI_CLIP_STD (transformers image_utils; inference.py l.106-107). */
  static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};
  /** PIL's default JPEG quality (Image.save without quality). */
  static final float JPEG_QUALITY = 0.75f;

  private enum Resize { SHORT_SIDE_TORCHVISION, SHORT_SIDE_TRANSFORMERS, SQUARE }

  final int size;
  private final Resize resize;
  private final boolean normalize;

  OneIgPreprocess(int size, Resize resize, boolean normalize) {
    this.size = size;
    this.resize = resize;
    this.normalize = normalize;
  }

  /** The (3, size, size) input tensor, channel-major, as float32. */
  float[] tensor(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = rgb(img);
    int nw;
    int nh;
    if (resize == Resize.SQUARE) {
      nw = size;
      nh = size;
    } else {
      int shortSide = Math.min(w, h);
      int longSide = Math.max(w, h);
      int newLong = (int) ((double) size * longSide / shortSide); // int(size * long / short)
      nw = w <= h ? size : newLong;
      nh = w <= h ? newLong : size;
    }
    int[] r = PilBicubic.resize(rgb, w, h, nw, nh);
    int top = 0;
    int left = 0;
    if (resize == Resize.SHORT_SIDE_TORCHVISION) {
      top = (int) Math.rint((nh - size) / 2.0); // Python round(): half to even
      left = (int) Math.rint((nw - size) / 2.0);
    } else if (resize == Resize.SHORT_SIDE_TRANSFORMERS) {
      top = Math.floorDiv(nh - size, 2);
      left = Math.floorDiv(nw - size, 2);
    }
    float[] out = new float[3 * size * size];
    int plane = size * size;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int p = r[(y + top) * nw + x + left];
        for (int c = 0; c < 3; c++) {
          int v = (p >> (16 - 8 * c)) & 255;
          float f = resize == Resize.SHORT_SIDE_TRANSFORMERS
              ? (float) (v * (1.0 / 255)) // rescale: float64 product, then astype(float32)
              : v / 255f; // ToTensor: float32 division
          if (normalize) {
            f = (f - MEAN[c]) / STD[c];
          }
          out[c * plane + y * size + x] = f;
        }
      }
    }
    return out;
  }

  /**
   * Packed 0xRRGGBB pixels as PIL's {@code convert('RGB')} gives them: alpha dropped; a grey image's value replicated
   * (not passed through Java's colour conversion); a palette image through its palette.
   */
  static int[] rgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] px = new int[w * h];
    Raster r = img.getRaster();
    if (r.getNumBands() == 1 && !(img.getColorModel() instanceof IndexColorModel)
        && r.getSampleModel().getSampleSize(0) == 8) {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          int v = row[x] & 255;
          px[y * w + x] = v << 16 | v << 8 | v;
        }
      }
      return px;
    }
    img.getRGB(0, 0, w, h, px, 0, w);
    for (int i = 0; i < px.length; i++) {
      px[i] &= 0xFFFFFF;
    }
    return px;
  }

  /**
   * The tile as the official scripts read it back after {@code image.save(f"{i}.jpg")} (utils.py l.55-56): encoded as
   * baseline JPEG at quality 75 with 4:2:0 chroma (PIL's defaults) by the JDK's encoder and decoded again.
   */
  static BufferedImage jpegRoundTrip(BufferedImage img) throws IOException {
    int w = img.getWidth();
    int h = img.getHeight();
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(0, 0, w, h, rgb(img), 0, w);
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
    if (!it.hasNext()) {
      throw new IOException("no JPEG writer in this JVM");
    }
    ImageWriter writer = it.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(rgb, null, null), p);
    } finally {
      writer.dispose();
    }
    return OneIgGrid.decode(bytes.toByteArray(), "JPEG round trip");
  }
}
