package org.irgeval.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Paths under a folder the user named (a run directory, a report folder, a cache, a data folder) as the tool may
 * write or lock them: no symbolic link below that folder is ever followed. A run directory on shared storage can be
 * written by others; a {@code run.lock}, a journal or an {@code images/} folder replaced by a link to someone's file
 * would otherwise make the next user's {@code irg-eval} truncate, append to or write into that file. Every such path
 * is refused by name instead ({@link UnsafePathException}).
 *
 * <p>The folder the user named (the root) may itself be a link (a scratch folder often is): only what lies below it
 * is checked. Files are opened with {@link LinkOption#NOFOLLOW_LINKS} ({@code O_NOFOLLOW}) after the check, so a link
 * put in place of the file itself between the check and the open is refused by the OS too. A directory swapped for a
 * link between the check and a write can still redirect that one new file; it never changes an existing file outside.
 */
public final class SafeFiles {
  private SafeFiles() {}

  /** A path the tool would have to write, lock or read through a symbolic link or as a non-regular file. */
  public static final class UnsafePathException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnsafePathException(String message) {
      super(message);
    }
  }

  /**
   * Refuses {@code target} when any existing component below {@code root} is a symbolic link, a directory component
   * is not a directory, or the target exists and is not a regular file.
   */
  public static void check(Path root, Path target) throws UnsafePathException {
    Path base = root.toAbsolutePath().normalize();
    Path t = target.toAbsolutePath().normalize();
    if (!t.startsWith(base) || t.equals(base)) {
      throw new IllegalArgumentException(target + " is not below " + root);
    }
    Path rel = base.relativize(t);
    Path p = base;
    for (int i = 0; i < rel.getNameCount(); i++) {
      p = p.resolve(rel.getName(i));
      BasicFileAttributes a = attributes(p);
      if (a == null) {
        return; // nothing below a missing component exists yet
      }
      boolean last = i == rel.getNameCount() - 1;
      if (a.isSymbolicLink()) {
        throw new UnsafePathException(p + " is a symbolic link; irg-eval never writes or locks through a link in a"
            + " folder it owns (someone with write access to " + root + " may have put it there): remove it");
      }
      if (!last && !a.isDirectory()) {
        throw new UnsafePathException(p + " is not a directory; expected one to hold " + t.getFileName());
      }
    }
  }

  /** As {@link #check}, and the target, when present, must be a regular file (a FIFO or device would block or leak). */
  public static void checkFile(Path root, Path target) throws UnsafePathException {
    check(root, target);
    BasicFileAttributes a = attributes(target);
    if (a != null && !a.isRegularFile()) {
      throw new UnsafePathException(target + " is not a regular file (" + kind(a) + "): remove it");
    }
  }

  /** Creates {@code dir} and every missing folder between {@code root} and it, refusing any link on the way. */
  public static Path createDirectories(Path root, Path dir) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    Path d = dir.toAbsolutePath().normalize();
    Files.createDirectories(base);
    if (d.equals(base)) {
      return dir;
    }
    check(base, d);
    Path rel = base.relativize(d);
    Path p = base;
    for (int i = 0; i < rel.getNameCount(); i++) {
      p = p.resolve(rel.getName(i));
      BasicFileAttributes a = attributes(p);
      if (a == null) {
        try {
          Files.createDirectory(p);
        } catch (FileAlreadyExistsException e) {
          // made meanwhile by a parallel writer: checked below
        }
        a = attributes(p);
      }
      if (a == null || a.isSymbolicLink() || !a.isDirectory()) {
        throw new UnsafePathException(p + " is " + (a == null ? "missing" : kind(a))
            + ", expected a directory irg-eval made: remove it");
      }
    }
    return dir;
  }

  /**
   * Opens a regular file below {@code root} without following links (the final component with {@code O_NOFOLLOW};
   * the folders above it checked). An existing non-regular file is refused before the open, so a FIFO never blocks.
   */
  public static FileChannel open(Path root, Path file, OpenOption... options) throws IOException {
    checkFile(root, file);
    List<OpenOption> opts = new ArrayList<>(Arrays.asList(options));
    opts.add(LinkOption.NOFOLLOW_LINKS);
    try {
      return FileChannel.open(file, opts.toArray(OpenOption[]::new));
    } catch (FileSystemException e) {
      BasicFileAttributes a = attributes(file);
      if (a != null && a.isSymbolicLink()) {
        throw new UnsafePathException(file + " is a symbolic link (put there while irg-eval opened it): remove it");
      }
      throw e;
    }
  }

  /** Reads a regular file below {@code root} without following links; at most {@code max} bytes. */
  public static byte[] read(Path root, Path file, long max) throws IOException {
    try (FileChannel ch = open(root, file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > max) {
        throw new IOException(file + " is " + size + " bytes, more than the " + max + " expected at most");
      }
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) size);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // read until full or end
      }
      return Arrays.copyOf(b.array(), b.position());
    }
  }

  /** The attributes of {@code p} itself (a link is a link), or null when nothing is there. */
  static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private static String kind(BasicFileAttributes a) {
    return a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory" : a.isRegularFile()
        ? "a regular file" : "a special file (FIFO, socket or device)";
  }
}
