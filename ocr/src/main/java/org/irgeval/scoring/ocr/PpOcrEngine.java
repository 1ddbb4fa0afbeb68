package org.irgeval.scoring.ocr;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * PaddleOCR's PP-OCR system (tools/infer/predict_system.py TextSystem) on the PP-OCRv4 ONNX models, in-process on
 * DJL's OnnxRuntime engine: detect text boxes (DB), sort them into reading order, crop each upright, optionally
 * turn crops the angle classifier finds upside down, recognize (CTC) and drop lines below drop_score. Each step's
 * class names the PaddleOCR function it ports; docs/ocr.md lists them with the commits read and the deviations.
 *
 * <p><b>Thread safety:</b> safe for concurrent {@code read} calls. The three {@link ZooModel}s (ONNX Runtime
 * sessions, whose {@code run} is thread-safe) are shared; each call makes its own DJL {@link Predictor}s, which are
 * not thread-safe, and closes them. ONNX Runtime already uses every core for one image, so more than a couple of
 * concurrent callers only queue.
 */
public final class PpOcrEngine implements OcrEngine {
  /** Bumped when this port's pre/post-processing changes output (goes into the fingerprint). */
  static final String PORT_VERSION = "ppocr-port-1";

  private final ZooModel<FloatTensor, FloatTensor> det;
  private final ZooModel<FloatTensor, FloatTensor> rec;
  private final ZooModel<FloatTensor, FloatTensor> cls;
  private final CtcDecoder decoder;
  private final PpOcrSettings settings;
  private final String fingerprint;

  private PpOcrEngine(ZooModel<FloatTensor, FloatTensor> det, ZooModel<FloatTensor, FloatTensor> rec,
      ZooModel<FloatTensor, FloatTensor> cls, CtcDecoder decoder, PpOcrSettings settings, String fingerprint) {
    this.det = det;
    this.rec = rec;
    this.cls = cls;
    this.decoder = decoder;
    this.settings = settings;
    this.fingerprint = fingerprint;
  }

  /**
   * Loads the models (about a second; do it once and share the engine).
   *
   * @param files    verified model files ({@link OcrModels#locate})
   * @param settings PP-OCR settings, normally {@link PpOcrSettings#defaults()}
   */
  public static PpOcrEngine open(OcrModelFiles files, PpOcrSettings settings) throws IOException {
    CtcDecoder decoder = CtcDecoder.fromFile(files.keys());
    List<ZooModel<FloatTensor, FloatTensor>> loaded = new ArrayList<>();
    try {
      ZooModel<FloatTensor, FloatTensor> det = load(files.det());
      loaded.add(det);
      ZooModel<FloatTensor, FloatTensor> rec = load(files.rec());
      loaded.add(rec);
      ZooModel<FloatTensor, FloatTensor> cls = null;
      if (settings.useAngleCls()) {
        cls = load(files.cls());
        loaded.add(cls);
      }
      String fp = PORT_VERSION + " " + files.source() + " " + settings;
      return new PpOcrEngine(det, rec, cls, decoder, settings, fp);
    } catch (IOException | RuntimeException e) {
      loaded.forEach(ZooModel::close);
      throw e;
    }
  }

  private static ZooModel<FloatTensor, FloatTensor> load(Path onnx) throws IOException {
    Criteria<FloatTensor, FloatTensor> c = Criteria.builder()
        .setTypes(FloatTensor.class, FloatTensor.class)
        .optModelPath(onnx)
        .optEngine("OnnxRuntime")
        .optTranslator(new FloatTensorTranslator())
        .build();
    try {
      return c.loadModel();
    } catch (ModelNotFoundException | MalformedModelException e) {
      throw new IOException("cannot load ONNX model " + onnx + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<OcrLine> read(byte[] encodedImage) throws OcrException {
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(encodedImage));
    } catch (IOException e) {
      throw new OcrException("cannot decode image: " + e.getMessage(), e);
    }
    if (img == null) {
      throw new OcrException("cannot decode image (not a format ImageIO reads)");
    }
    return read(img);
  }

  /** The lines in {@code image}, in reading order. */
  public List<OcrLine> read(BufferedImage image) throws OcrException {
    BgrImage bgr = BgrImage.of(image);
    List<Quad> boxes = BoxSorter.sort(detect(bgr));
    List<BgrImage> crops = new ArrayList<>(boxes.size());
    for (Quad b : boxes) {
      crops.add(CropExtractor.crop(bgr, b));
    }
    if (cls != null) {
      crops = classifyAndTurn(crops);
    }
    List<CtcDecoder.Decoded> texts = recognize(crops);
    List<OcrLine> out = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) {
      CtcDecoder.Decoded d = texts.get(i);
      if (d.confidence() >= settings.dropScore()) { // TextSystem: score >= drop_score is kept
        Quad q = boxes.get(i);
        int x0 = (int) q.minX();
        int y0 = (int) q.minY();
        out.add(new OcrLine(d.text(), d.confidence(), x0, y0, (int) q.maxX() - x0, (int) q.maxY() - y0));
      }
    }
    return out;
  }

  /** TextDetector.__call__: the text boxes, corners TL, TR, BR, BL, in image pixels. */
  List<Quad> detect(BgrImage image) throws OcrException {
    FloatTensor in = DetPreprocess.tensor(image, settings);
    FloatTensor map = run(det, in, "detector");
    List<Quad> boxes = new ArrayList<>();
    for (DbPostProcess.Detection d : DbPostProcess.boxes(map.data(), map.dim(3), map.dim(2), image.width(),
        image.height(), settings)) {
      boxes.add(d.box());
    }
    return boxes;
  }

  /** TextRecognizer.__call__: crops batched by aspect ratio, each batch padded to its widest crop. */
  List<CtcDecoder.Decoded> recognize(List<BgrImage> crops) throws OcrException {
    List<CtcDecoder.Decoded> out = new ArrayList<>(crops.size());
    for (int i = 0; i < crops.size(); i++) {
      out.add(null);
    }
    List<Integer> order = byAspect(crops);
    for (int beg = 0; beg < order.size(); beg += settings.recBatch()) {
      List<Integer> idx = order.subList(beg, Math.min(order.size(), beg + settings.recBatch()));
      List<BgrImage> batch = idx.stream().map(crops::get).toList();
      int width = RecPreprocess.recBatchWidth(batch, settings.recHeight(), settings.recWidth());
      FloatTensor probs = run(rec, RecPreprocess.batch(batch, settings.recHeight(), width), "recognizer");
      int frames = probs.dim(1);
      int classes = probs.dim(2);
      if (classes != decoder.classes()) {
        throw new OcrException("recognizer outputs " + classes + " classes but the dictionary gives "
            + decoder.classes() + " (blank + keys + space): model and ppocr_keys_v1.txt do not match");
      }
      for (int n = 0; n < idx.size(); n++) {
        out.set(idx.get(n), decoder.decode(probs.data(), n * frames * classes, frames));
      }
    }
    return out;
  }

  /** TextClassifier.__call__: crops classified '180' with more than cls_thresh are turned half a turn. */
  private List<BgrImage> classifyAndTurn(List<BgrImage> crops) throws OcrException {
    List<BgrImage> out = new ArrayList<>(crops);
    List<Integer> order = byAspect(crops);
    for (int beg = 0; beg < order.size(); beg += settings.recBatch()) { // cls_batch_num, also 6
      List<Integer> idx = order.subList(beg, Math.min(order.size(), beg + settings.recBatch()));
      List<BgrImage> batch = idx.stream().map(crops::get).toList();
      FloatTensor probs = run(cls, RecPreprocess.batch(batch, PpOcrSettings.CLS_HEIGHT, PpOcrSettings.CLS_WIDTH),
          "angle classifier");
      for (int n = 0; n < idx.size(); n++) {
        float p0 = probs.data()[2 * n];
        float p180 = probs.data()[2 * n + 1];
        if (p180 > p0 && p180 > settings.clsThresh()) {
          out.set(idx.get(n), ImageOps.rot180(crops.get(idx.get(n))));
        }
      }
    }
    return out;
  }

  /** np.argsort of width/height (stable for the small batches PaddleOCR sorts). */
  private static List<Integer> byAspect(List<BgrImage> crops) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < crops.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> crops.get(i).width() / (double) crops.get(i).height()));
    return order;
  }

  private static FloatTensor run(ZooModel<FloatTensor, FloatTensor> model, FloatTensor in, String what)
      throws OcrException {
    try (Predictor<FloatTensor, FloatTensor> p = model.newPredictor()) {
      return p.predict(in);
    } catch (TranslateException e) {
      throw new OcrException("PP-OCR " + what + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public void close() {
    det.close();
    rec.close();
    if (cls != null) {
      cls.close();
    }
  }
}
