package org.irgeval.benchmarks.geneval.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.data.JsonLines;
import org.irgeval.api.ScoringInput;
import org.irgeval.benchmarks.geneval.ClassNames;
import org.irgeval.benchmarks.geneval.rules.Detection;
import org.irgeval.benchmarks.geneval.rules.GenEvalColors;
import org.irgeval.util.Hashing;

/**
 * Detections and colours produced elsewhere by the official mmdet Mask2Former + open_clip pipeline, read from a
 * JSONL file (format in docs/geneval.md, "Recorded detections"):
 * <pre>
 * {"image_sha256": "ab12...",                          // or: "prompt_id": "00012", "sample": 3, "variant": "reflection"
 *  "detections": [{"class": "dog", "box": [x1, y1, x2, y2], "score": 0.97, "color": "brown"}, ...]}
 * </pre>
 * Rows are unfiltered (every row the detector returned, or at least every row above 0.3); the rules apply the
 * threshold, the cap and the top-count cut. {@code color} is the CLIP colour of that crop (optional; needed
 * only for rows a colour rule looks at). The colour of a crop does not depend on the other crops, so
 * classifying every row up front gives what the official per-requirement call gives.
 */
public final class RecordedDetections implements Backend {
  private final String fileSha;
  private final Map<String, Entry> bySha = new HashMap<>();
  private final Map<String, Entry> byKey = new HashMap<>();

  private record Entry(List<List<Detection>> raw, Map<Detection, String> colors) {}

  private RecordedDetections(String fileSha) {
    this.fileSha = fileSha;
  }

  public static RecordedDetections read(Path file, ClassNames classes) throws DataException, IOException {
    String name = file.toString();
    RecordedDetections out = new RecordedDetections(Hashing.sha256(file));
    for (JsonLines.Line line : JsonLines.read(file, name, null)) {
      long ln = line.number();
      JsonNode row = line.row();
      List<List<Detection>> raw = new ArrayList<>();
      for (int c = 0; c < classes.names().size(); c++) {
        raw.add(new ArrayList<>());
      }
      Map<Detection, String> colors = new IdentityHashMap<>();
      JsonNode dets = row.get("detections");
      if (dets == null || !dets.isArray()) {
        throw new DataException(name, ln, "detections", "expected an array", null);
      }
      for (int k = 0; k < dets.size(); k++) {
        String f = "detections[" + k + "]";
        JsonNode d = dets.get(k);
        JsonNode cls = d.get("class");
        int index = cls != null && cls.isTextual() ? classes.indexOf(cls.textValue()) : -1;
        if (index < 0) {
          throw new DataException(name, ln, f + ".class", "expected a name of " + ClassNames.PATH + ", found " + cls,
              null);
        }
        JsonNode box = d.get("box");
        if (box == null || !box.isArray() || box.size() != 4 || !allNumbers(box)) {
          throw new DataException(name, ln, f + ".box", "expected [x1, y1, x2, y2], found " + box, null);
        }
        JsonNode score = d.get("score");
        if (score == null || !score.isNumber()) {
          throw new DataException(name, ln, f + ".score", "expected a number, found " + score, null);
        }
        // float32, like the official bbox arrays.
        Detection det = new Detection((float) box.get(0).doubleValue(), (float) box.get(1).doubleValue(),
            (float) box.get(2).doubleValue(), (float) box.get(3).doubleValue(), (float) score.doubleValue());
        JsonNode color = d.get("color");
        if (color != null && !color.isNull()) {
          if (!color.isTextual() || !GenEvalColors.NAMES.contains(color.textValue())) {
            throw new DataException(name, ln, f + ".color", "expected one of " + GenEvalColors.NAMES + ", found "
                + color, null);
          }
          colors.put(det, color.textValue());
        }
        raw.get(index).add(det);
      }
      Entry e = new Entry(raw, colors);
      JsonNode sha = row.get("image_sha256");
      if (sha != null && sha.isTextual()) {
        if (out.bySha.put(sha.textValue().toLowerCase(Locale.ROOT), e) != null) {
          throw new DataException(name, ln, "image_sha256", "a second line for this image", null);
        }
      } else if (row.path("prompt_id").isTextual() && row.path("sample").canConvertToInt()
          && row.path("variant").isTextual()) {
        String key = key(row.get("prompt_id").textValue(), row.get("sample").intValue(), row.get("variant").textValue());
        if (out.byKey.put(key, e) != null) {
          throw new DataException(name, ln, "prompt_id", "a second line for " + key, null);
        }
      } else {
        throw new DataException(name, ln, "image_sha256",
            "each line needs image_sha256, or prompt_id + sample + variant", null);
      }
    }
    return out;
  }

  private static boolean allNumbers(JsonNode a) {
    for (JsonNode n : a) {
      if (!n.isNumber()) {
        return false;
      }
    }
    return true;
  }

  private static String key(String promptId, int sample, String variant) {
    return promptId + "/" + sample + "/" + variant;
  }

  public int size() {
    return bySha.size() + byKey.size();
  }

  @Override
  public Observation observe(ScoringInput input) throws Exception {
    Entry e = bySha.isEmpty() ? null : bySha.get(Hashing.sha256(input.image()));
    if (e == null) {
      e = byKey.get(key(input.prompt().id(), input.sample(), input.variant()));
    }
    if (e == null) {
      throw new MissingObservationException("the detections file has no line for " + input.image()
          + " (prompt " + input.prompt().id() + ", sample " + input.sample() + ", " + input.variant() + ")");
    }
    Map<Detection, String> colors = e.colors();
    return new Observation(e.raw(), (cls, objects) -> {
      List<String> out = new ArrayList<>();
      for (Detection d : objects) {
        String c = colors.get(d);
        if (c == null) {
          throw new MissingObservationException("the detections file gives no colour for a " + cls + " at "
              + java.util.Arrays.toString(d.row()) + ", which a colour rule needs");
        }
        out.add(c);
      }
      return out;
    });
  }

  @Override
  public String fingerprint() {
    return "imported-detections sha256=" + fileSha; // the name stored fingerprints carry (runs resume)
  }
}
