package org.irgeval.benchmarks.geneval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.irgeval.api.DataException;
import org.irgeval.data.DataFiles;

/**
 * The 80 class names of {@code evaluation/object_names.txt} (the copy evaluate_images.py l.68-69 reads), in
 * COCO/mmdet label order: the index is the detector's class index.
 *
 * @param names names in file order, each {@code line.strip()}ped like the official reader
 */
public record ClassNames(List<String> names) {
  /** Path under {@code <data>/geneval/}. */
  public static final String PATH = "evaluation/object_names.txt";
  public static final String SOURCE = "https://github.com/djghosh13/geneval/blob/main/evaluation/object_names.txt";
  /** COCO has 80 thing classes; the detector's bbox_results has one entry per class. */
  public static final int COUNT = 80;

  public ClassNames {
    names = List.copyOf(names);
  }

  public static ClassNames read(Path file, String displayName) throws DataException {
    List<String> lines;
    try {
      lines = DataFiles.readAllLines(file, displayName);
    } catch (NoSuchFileException e) {
      throw new DataException(displayName, 0, null, "file not found", SOURCE);
    } catch (IOException e) {
      throw new DataException(displayName, 0, null, "cannot read: " + e.getMessage(), SOURCE);
    }
    List<String> names = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String name = lines.get(i).strip();
      if (name.isEmpty()) {
        if (i == lines.size() - 1) {
          continue;
        }
        throw new DataException(displayName, i + 1, null, "empty class name", SOURCE);
      }
      Integer prev = seen.put(name, i + 1);
      if (prev != null) {
        throw new DataException(displayName, i + 1, null, "class '" + name + "' repeats line " + prev, SOURCE);
      }
      names.add(name);
    }
    if (names.size() != COUNT) {
      throw new DataException(displayName, 0, null, "expected " + COUNT + " class names, found " + names.size(),
          SOURCE);
    }
    return new ClassNames(names);
  }

  /** The class index, or -1. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }
}
