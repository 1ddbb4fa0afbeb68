package org.irgeval.download;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.SafeFiles;
import org.irgeval.util.Json;

/**
 * The one downloader of the tool (benchmark files, OCR models): a file is brought to {@code <name>.part}, bounded
 * <ul>
 *   <li>in time per read ({@link Limits#readTimeout}: a server that stalls after the headers is cut off),</li>
 *   <li>in time in all ({@link Limits#totalTime}, over every attempt: a server that drips a byte per second is cut
 *       off too; {@code HttpRequest.timeout()} would cover only the headers),</li>
 *   <li>in size: the expected size when known, else {@link Limits#maxBytes}; a larger {@code Content-Length} is
 *       refused before a byte is written, and a body that grows past the bound is cut and removed,</li>
 *   <li>in redirects ({@link #MAX_REDIRECTS}, never from https to http).</li>
 * </ul>
 * A transfer that breaks is resumed with a {@code Range} request, by the next attempt or the next call, but only a
 * {@code .part} whose recorded source ({@code <name>.part.json}: URL, total size, ETag, Last-Modified) matches the
 * server's answer: a {@code .part} of another URL or version, or of an unknown source, is discarded and the file is
 * fetched afresh. The caller verifies the finished {@code .part} (hash, loader) before it installs it; this class
 * never installs.
 */
public final class Downloader {
  /** Redirects followed per request. */
  public static final int MAX_REDIRECTS = 5;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d+)");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /**
   * @param connectTimeout the wait for a connection
   * @param readTimeout    the longest wait for the headers and for each read of the body
   * @param totalTime      the whole download, every attempt included (exceeded by at most one read timeout)
   * @param maxBytes       the largest file accepted when its size is not known in advance
   * @param attempts       tries; each resumes where the last stopped
   */
  public record Limits(Duration connectTimeout, Duration readTimeout, Duration totalTime, long maxBytes, int attempts) {}

  /**
   * A finished {@code .part}.
   *
   * @param size         its size in bytes
   * @param resumedFrom  the byte the last transfer started at (0: from the start)
   * @param linkedSha256 a SHA-256 the server announced ({@code X-Linked-ETag} of the Hugging Face hub), or null
   * @param attempts     transfers it took
   */
  public record Result(long size, long resumedFrom, String linkedSha256, int attempts) {}

  /** A download that retrying cannot fix: an error status, a size over the bound, a redirect loop, the time bound. */
  public static final class RefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
      super(message);
    }
  }

  private final Limits limits;
  private final String userAgent;
  private final ObjectMapper mapper = Json.mapper();

  public Downloader(Limits limits, String userAgent) {
    if (limits.attempts() < 1 || limits.maxBytes() < 1) {
      throw new IllegalArgumentException("attempts and maxBytes must be >= 1: " + limits);
    }
    this.limits = limits;
    this.userAgent = userAgent;
  }

  /** The record of where a {@code .part} comes from. */
  public static Path metaOf(Path part) {
    return part.resolveSibling(part.getFileName() + ".json");
  }

  /** Removes a {@code .part} and its record (a failed check: it is never resumed). */
  public static void discard(Path part) throws IOException {
    Files.deleteIfExists(part);
    Files.deleteIfExists(metaOf(part));
  }

  /**
   * Brings {@code part} to the whole file at {@code url}.
   *
   * @param expectedSize the file's size when known (a different size is refused), else -1
   * @param log          one line per attempt, for the user
   * @throws RefusedException when retrying cannot help (the {@code .part} is then removed unless it may be resumed)
   * @throws IOException      when every attempt broke off (the {@code .part} is kept for the next call)
   */
  public Result fetch(URI url, Path part, long expectedSize, Consumer<String> log) throws IOException {
    long deadline = System.nanoTime() + limits.totalTime().toNanos();
    IOException last = null;
    for (int attempt = 1; attempt <= limits.attempts(); attempt++) {
      if (System.nanoTime() - deadline > 0) {
        throw new RefusedException("no complete download within " + limits.totalTime().toSeconds() + " s (the time"
            + " bound); the partial file is kept at " + part + " and the next call resumes it");
      }
      try {
        Result r = transfer(url, part, expectedSize, deadline);
        return new Result(r.size(), r.resumedFrom(), r.linkedSha256(), attempt);
      } catch (RefusedException e) {
        throw e;
      } catch (IOException e) {
        last = e;
        log.accept("attempt " + attempt + " stopped at " + (Files.exists(part, LinkOption.NOFOLLOW_LINKS)
            ? Files.size(part) : 0) + " bytes: " + cause(e));
      }
    }
    throw new IOException("download incomplete after " + limits.attempts() + " attempts (" + cause(last)
        + "); run the command again to resume from " + part, last);
  }

  /**
   * What went wrong, for the user: the JDK's connection errors often carry no message (a refused connection) or only
   * a host name (an unknown host), so the exception's kind is named too; never "null".
   */
  public static String cause(Throwable e) {
    String kind = e.getClass().getSimpleName();
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      Throwable c = e.getCause();
      if (c == null || c == e) {
        return kind;
      }
      String inner = cause(c);
      return inner.startsWith(kind) ? inner : kind + ": " + inner;
    }
    return e instanceof RefusedException || kind.equals("IOException") ? m : kind + ": " + m;
  }

  /** What the server said the file is, recorded beside the {@code .part}. */
  private record Source(String url, long size, String etag, String lastModified) {}

  private Result transfer(URI url, Path part, long expectedSize, long deadline) throws IOException {
    Path root = part.toAbsolutePath().getParent();
    SafeFiles.checkFile(root, part);
    long have = Files.exists(part, LinkOption.NOFOLLOW_LINKS) ? Files.size(part) : 0;
    Source rec = have > 0 ? readSource(part) : null;
    if (have > 0 && (rec == null || !rec.url().equals(url.toString()) || rec.size() <= 0 || have > rec.size()
        || (expectedSize >= 0 && rec.size() != expectedSize))) {
      discard(part); // of another source, version or size, or of unknown origin: never resumed
      have = 0;
      rec = null;
    }
    HttpURLConnection c = null;
    String linked = null;
    URI at = url;
    try {
      for (int hop = 0; ; hop++) {
        c = (HttpURLConnection) at.toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, limits.connectTimeout().toMillis()));
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, limits.readTimeout().toMillis()));
        c.setRequestProperty("User-Agent", userAgent);
        c.setRequestProperty("Accept-Encoding", "identity");
        if (have > 0) {
          c.setRequestProperty("Range", "bytes=" + have + "-");
          String validator = rec.etag() != null ? rec.etag() : rec.lastModified();
          if (validator != null) {
            c.setRequestProperty("If-Range", validator); // a changed file comes back whole (200), never spliced
          }
        }
        int code = c.getResponseCode();
        linked = linked != null ? linked : linkedSha256(c.getHeaderField("X-Linked-ETag"));
        if (code / 100 != 3 || code == 304) {
          break;
        }
        String loc = c.getHeaderField("Location");
        c.disconnect();
        if (loc == null) {
          throw new RefusedException("HTTP " + code + " without a Location from " + at);
        }
        URI next = at.resolve(loc);
        if ("https".equalsIgnoreCase(at.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
          throw new RefusedException("redirect from " + at + " to " + next + " refused (https to " + next.getScheme()
              + ")");
        }
        if (hop + 1 > MAX_REDIRECTS) {
          throw new RefusedException("more than " + MAX_REDIRECTS + " redirects from " + url + " (a redirect loop?)");
        }
        at = next;
      }
      int code = c.getResponseCode();
      long bound = expectedSize >= 0 ? expectedSize : limits.maxBytes();
      long offset;
      long total;
      if (code == 206 && have > 0) {
        Matcher m = CONTENT_RANGE.matcher(String.valueOf(c.getHeaderField("Content-Range")));
        String etag = c.getHeaderField("ETag");
        if (!m.matches() || Long.parseLong(m.group(1)) != have || m.group(3).equals("*")
            || Long.parseLong(m.group(3)) != rec.size() || (rec.etag() != null && etag != null
            && !rec.etag().equals(etag))) {
          discard(part); // not the rest of the file we hold: start over on the next attempt
          throw new IOException("the server's resume (Content-Range '" + c.getHeaderField("Content-Range")
              + "', ETag " + etag + ") does not continue the partial file of " + rec.size() + " bytes; starting over");
        }
        offset = have;
        total = rec.size();
      } else if (code == 200) {
        offset = 0;
        total = c.getContentLengthLong();
        if (total > bound) {
          throw new RefusedException("the server announces " + total + " bytes (Content-Length), more than the "
              + (expectedSize >= 0 ? "expected " : "bound of ") + bound + "; nothing was written");
        }
        writeSource(part, new Source(url.toString(), total, c.getHeaderField("ETag"), c.getHeaderField("Last-Modified")));
      } else if (code == 416 && have > 0) {
        Matcher m = UNSATISFIED.matcher(String.valueOf(c.getHeaderField("Content-Range")));
        if (m.matches() && Long.parseLong(m.group(1)) == have && have == rec.size()) {
          return new Result(have, have, linked, 1); // the part file is already complete
        }
        discard(part);
        throw new IOException("HTTP 416 for a resume at " + have + "; starting over");
      } else {
        throw new RefusedException("HTTP " + code + " from " + at);
      }
      long wrote = 0;
      try (InputStream in = c.getInputStream();
           FileChannel out = SafeFiles.open(root, part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
               offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) >= 0; ) {
          if (offset + wrote + n > bound) {
            out.close();
            discard(part);
            throw new RefusedException("the body grew past " + bound + " bytes (" + (expectedSize >= 0 ? "the expected"
                + " size" : "the bound") + "); the partial file was removed");
          }
          ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
          while (b.hasRemaining()) {
            out.write(b);
          }
          wrote += n;
          if (System.nanoTime() - deadline > 0) {
            throw new RefusedException("no complete download within " + limits.totalTime().toSeconds() + " s (the"
                + " time bound; " + (offset + wrote) + " bytes so far, kept at " + part + " for the next call)");
          }
        }
        out.force(true);
      }
      if (total >= 0 && offset + wrote != total) {
        throw new IOException("connection closed after " + (offset + wrote) + " of " + total + " bytes");
      }
      return new Result(offset + wrote, offset, linked, 1);
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private Source readSource(Path part) {
    Path f = metaOf(part);
    try {
      JsonNode n = mapper.readTree(SafeFiles.read(f.toAbsolutePath().getParent(), f, 1 << 16));
      return new Source(n.path("url").asText(), n.path("size").asLong(-1),
          n.hasNonNull("etag") ? n.get("etag").asText() : null,
          n.hasNonNull("last_modified") ? n.get("last_modified").asText() : null);
    } catch (IOException | RuntimeException e) {
      return null; // no record, or an unreadable one: the part is not resumed
    }
  }

  private void writeSource(Path part, Source s) throws IOException {
    ObjectNode n = mapper.createObjectNode();
    n.put("url", s.url());
    n.put("size", s.size());
    n.put("etag", s.etag());
    n.put("last_modified", s.lastModified());
    AtomicFiles.write(metaOf(part), mapper.writeValueAsBytes(n));
  }

  /** The hub's {@code X-Linked-ETag} (LFS object id = SHA-256), or null. */
  private static String linkedSha256(String v) {
    if (v == null) {
      return null;
    }
    String s = v.replace("W/", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
    return HEX64.matcher(s).matches() ? s : null;
  }
}
