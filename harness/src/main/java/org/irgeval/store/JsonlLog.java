package org.irgeval.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only JSON-lines journal. Every {@link #append} writes one whole line and fsyncs before
 * returning, so a record that was acknowledged survives a crash.
 *
 * <p>A crash (SIGKILL, power loss) can leave the last line torn. {@link #open} detects that: a torn tail
 * that is complete JSON only lacks its newline and is kept; anything else is moved to {@code <file>.torn}
 * (never silently dropped) and cut off, and the repair is reported. A malformed line that is not the last
 * one cannot come from a crash and is an error naming the file and line.
 */
public final class JsonlLog implements AutoCloseable {
  private final Path file;
  private final ObjectMapper mapper;
  private final FileChannel channel;
  private final List<JsonNode> recovered;
  private final String repair;

  private JsonlLog(Path file, ObjectMapper mapper, FileChannel channel, List<JsonNode> recovered, String repair) {
    this.file = file;
    this.mapper = mapper;
    this.channel = channel;
    this.recovered = recovered;
    this.repair = repair;
  }

  /** Opens (creating if needed) and repairs the journal; {@link #records()} holds what it contained. */
  public static JsonlLog open(Path file, ObjectMapper mapper) throws IOException {
    Path root = file.toAbsolutePath().getParent();
    Files.createDirectories(root);
    // a journal that is a link or not a regular file is refused by name: appending through a link writes elsewhere
    byte[] bytes = SafeFiles.attributes(file) != null ? SafeFiles.read(root, file, Integer.MAX_VALUE - 8) : new byte[0];
    List<JsonNode> records = new ArrayList<>();
    int start = 0;
    int line = 0;
    String repair = null;
    long keep = bytes.length;
    byte[] completion = null;
    while (start < bytes.length) {
      int nl = indexOf(bytes, (byte) '\n', start);
      line++;
      boolean last = nl < 0;
      int end = last ? bytes.length : nl;
      String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      if (!text.isBlank()) {
        JsonNode node = null;
        try {
          node = mapper.readTree(text);
        } catch (IOException e) {
          if (!last && !isOnlyBlankAfter(bytes, nl + 1)) {
            throw new IOException(file + ":" + line + ": malformed JSON line in the middle of the journal"
                + " (not a crash artefact; inspect or remove the line): " + e.getMessage().lines().findFirst().orElse(""));
          }
        }
        if (node == null || !node.isObject()) {
          keep = start;
          repair = file.getFileName() + ": torn last line " + line + " (" + (end - start)
              + " bytes) moved to " + file.getFileName() + ".torn";
          Path torn = file.resolveSibling(file.getFileName() + ".torn");
          try (FileChannel t = SafeFiles.open(root, torn, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            t.write(ByteBuffer.wrap(Arrays.copyOfRange(bytes, start, bytes.length)));
          }
          break;
        }
        records.add(node);
        if (last) {
          completion = new byte[] {'\n'};
          repair = file.getFileName() + ": last line " + line + " lacked its newline; completed";
        }
      }
      if (last) {
        break;
      }
      start = nl + 1;
    }
    FileChannel ch = SafeFiles.open(root, file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    if (keep < bytes.length) {
      ch.truncate(keep);
    }
    ch.position(keep);
    if (completion != null) {
      ch.write(ByteBuffer.wrap(completion));
    }
    ch.force(true);
    return new JsonlLog(file, mapper, ch, List.copyOf(records), repair);
  }

  private static boolean isOnlyBlankAfter(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (!Character.isWhitespace(bytes[i])) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The records the file held when opened, in order. */
  public List<JsonNode> records() {
    return recovered;
  }

  /** A description of the repair done at open, or null when the file was intact. */
  public String repair() {
    return repair;
  }

  /** Appends one record as one line and fsyncs. */
  public synchronized void append(Object record) throws IOException {
    byte[] json = mapper.writeValueAsBytes(record);
    ByteBuffer buf = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n');
    buf.flip();
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      channel.force(false);
    } catch (IOException e) {
      // a full disk says only "No space left on device": name the journal
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
