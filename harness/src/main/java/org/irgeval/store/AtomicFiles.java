package org.irgeval.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file writes that a crash can never leave half-done: write a temp file in the same directory, fsync
 * it, rename it over the target, fsync the directory. Every write is below a root folder the user named and follows
 * no link below it ({@link SafeFiles}): a target or folder that is a symbolic link is refused by name.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code target}, a path below {@code root}, creating the folders between them; refuses a link or a
   * non-regular file anywhere below {@code root} on the way ({@link SafeFiles.UnsafePathException}).
   */
  public static void write(Path root, Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    SafeFiles.createDirectories(root, dir);
    SafeFiles.checkFile(root, target);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      writeAndRename(root, target, dir, tmp, bytes);
    } catch (SafeFiles.UnsafePathException e) {
      throw e;
    } catch (IOException e) {
      // a full disk says only "No space left on device": name the file
      throw e.getMessage() != null && e.getMessage().contains(target.toString()) ? e
          : new IOException(target + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeAndRename(Path root, Path target, Path dir, Path tmp, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
        LinkOption.NOFOLLOW_LINKS)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    // checked again right before the rename: the window for a swap is the rename itself
    SafeFiles.checkFile(root, target);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    fsyncDirectory(dir);
  }

  public static void write(Path root, Path target, String text) throws IOException {
    write(root, target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Writes a file directly in a folder the user named ({@code target}'s parent is the root). */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target.toAbsolutePath().getParent(), target, bytes);
  }

  public static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Makes a rename or a new file in {@code dir} durable (no-op where the OS cannot open directories). */
  static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // Not supported on some platforms; the rename itself is still atomic.
    }
  }
}
