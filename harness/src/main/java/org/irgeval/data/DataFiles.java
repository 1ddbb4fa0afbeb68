package org.irgeval.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.irgeval.api.DataException;

/**
 * Bounded reads of official data files and official results, for every loader and importer. {@code Files.readAllLines}
 * on {@code /dev/urandom} never ends, and on a 300 MB file is an {@code OutOfMemoryError} at a 512 MiB heap; here a
 * file that is not a regular file (a device, a FIFO) or is larger than {@link #MAX_BYTES} is a {@link DataException}
 * naming it, before it is read, and no more than that is ever read (a file growing meanwhile included).
 */
public final class DataFiles {
  /**
   * The largest data or results file read: 64 MiB, twelve times the largest official file here (TIIF's
   * reference_eval_results_testmini.jsonl, 5.4 MB), and small enough to parse at a 512 MiB heap.
   */
  public static final long MAX_BYTES = 64L << 20;

  private DataFiles() {}

  /** The bytes of {@code file} ({@code shown} names it in errors). */
  public static byte[] readAllBytes(Path file, String shown) throws DataException, IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString()); // as Files does: callers say where to get it
    }
    if (!Files.isRegularFile(file)) {
      throw new DataException(shown, 0, null, "not a regular file (a device, a FIFO or a folder)", null);
    }
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new DataException(shown, 0, null, size + " bytes, more than the " + MAX_BYTES + " a data or results file"
          + " may have (is it the right file?)", null);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes((int) MAX_BYTES + 1);
      if (b.length > MAX_BYTES) {
        throw new DataException(shown, 0, null, "grew past " + MAX_BYTES + " bytes while read", null);
      }
      return b;
    }
  }

  /** The text of {@code file}, strict UTF-8 ({@link CharacterCodingException} on a bad sequence, as {@code Files}). */
  public static String readString(Path file, String shown) throws DataException, IOException {
    byte[] b = readAllBytes(file, shown);
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
  }

  /** The lines of {@code file}, split like {@code Files.readAllLines} (\n, \r or \r\n). */
  public static List<String> readAllLines(Path file, String shown) throws DataException, IOException {
    return readString(file, shown).lines().toList();
  }
}
