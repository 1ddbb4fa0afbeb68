package org.irgeval.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.SafeFiles;

/**
 * The embedded demo's sample files: each module that has some ships them under {@code demo-data/} with a
 * {@code demo-data/INDEX} listing them (paths relative to {@code demo-data/}, first segment = the benchmark's data
 * folder). Samples are written by this project in the official formats; they are never official data.
 */
public final class DemoSamples {
  /** The index resource every module with samples ships. */
  public static final String INDEX = "demo-data/INDEX";

  private final Map<String, URL> files;

  private DemoSamples(Map<String, URL> files) {
    this.files = Collections.unmodifiableMap(files);
  }

  /** Every sample listed by a {@code demo-data/INDEX} visible to {@code loader}. */
  public static DemoSamples on(ClassLoader loader) {
    Map<String, URL> files = new TreeMap<>();
    try {
      Enumeration<URL> indexes = loader.getResources(INDEX);
      while (indexes.hasMoreElements()) {
        URL index = indexes.nextElement();
        for (String rel : lines(index)) {
          URL prev = files.putIfAbsent(rel, new URL(index, rel));
          if (prev != null) {
            throw new IllegalStateException("demo sample " + rel + " is listed by two modules: " + prev + ", " + index);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DemoSamples(files);
  }

  /** The data folders (benchmark ids) that have samples. */
  public TreeSet<String> folders() {
    TreeSet<String> out = new TreeSet<>();
    files.keySet().forEach(rel -> out.add(rel.substring(0, rel.indexOf('/'))));
    return out;
  }

  /** Writes every sample under {@code dir} (only files whose bytes differ) and returns {@code dir}. */
  public Path extract(Path dir) throws IOException {
    return extract(dir, rel -> true);
  }

  /** Writes the samples of one data folder under {@code dir} and returns {@code dir}. */
  public Path extract(Path dir, String folder) throws IOException {
    if (!folders().contains(folder)) {
      throw new IOException("no demo samples for '" + folder + "' on the class path (" + INDEX + ")");
    }
    return extract(dir, rel -> rel.startsWith(folder + "/"));
  }

  private Path extract(Path dir, Predicate<String> which) throws IOException {
    for (Map.Entry<String, URL> e : files.entrySet()) {
      if (!which.test(e.getKey())) {
        continue;
      }
      byte[] bytes;
      try (InputStream in = e.getValue().openStream()) {
        bytes = in.readAllBytes();
      } catch (IOException ex) {
        throw new IOException("demo sample listed in " + INDEX + " but missing: " + e.getKey(), ex);
      }
      Path f = dir.resolve(e.getKey());
      SafeFiles.checkFile(dir, f);
      if (!Files.exists(f) || !Arrays.equals(Files.readAllBytes(f), bytes)) {
        AtomicFiles.write(dir, f, bytes);
      }
    }
    return dir;
  }

  private static List<String> lines(URL index) throws IOException {
    try (InputStream in = index.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
  }
}
