package org.irgeval.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One official file a benchmark's loader reads, as its public source publishes it: {@code irg-eval data fetch}
 * downloads it from {@code url} to {@code <data>/<benchmark id>/<path>} and installs it only when its size and
 * SHA-256 match.
 *
 * @param path   where the loader reads it, relative to {@code <data>/<benchmark id>/}, with '/' separators
 * @param url    the official source, pinned (a commit or a release), so its bytes never change
 * @param size   its size in bytes, or -1 when the source publishes none
 * @param sha256 its hex SHA-256, or null when none is known (the first download then records it, after the
 *               benchmark's loader accepted the file)
 */
public record PublicFile(String path, URI url, long size, String sha256) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public PublicFile {
    if (path.isBlank() || path.startsWith("/") || Arrays.asList(path.split("/")).contains("..")) {
      throw new IllegalArgumentException("public file path must be relative without '..': " + path);
    }
    if (sha256 != null && !HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException(path + ": sha256 must be 64 lower-case hex digits: " + sha256);
    }
  }

  /**
   * Reads a table of public files shipped beside {@code owner} (a class-path resource), keeping the rows that apply
   * to {@code tags}. Each row is {@code WHEN<TAB>PATH<TAB>SIZE<TAB>SHA256<TAB>URL}; {@code WHEN} is a
   * space-separated list of tags (e.g. {@code set=testmini}) that must all be in {@code tags}, empty for a file
   * needed whatever the options; {@code SIZE} -1 and {@code SHA256} "-" when unknown; lines starting with '#' are
   * comments.
   *
   * @param tags the options in effect, as {@code key=value}, defaults included
   */
  public static List<PublicFile> listed(Class<?> owner, String resource, Set<String> tags) {
    List<PublicFile> out = new ArrayList<>();
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " beside " + owner.getName() + " is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t", -1);
        if (c.length != 5) {
          throw new IllegalStateException(resource + ":" + n + ": expected 5 tab-separated columns, got " + c.length);
        }
        boolean applies = c[0].isBlank() || tags.containsAll(Arrays.asList(c[0].trim().split(" +")));
        if (applies) {
          out.add(new PublicFile(c[1], URI.create(c[4]), Long.parseLong(c[2]), c[3].equals("-") ? null : c[3]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
