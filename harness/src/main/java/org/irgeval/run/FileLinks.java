package org.irgeval.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.irgeval.store.SafeFiles;

/**
 * Places files by hard link where the file system allows it (no second copy of the bytes, no per-file fsync of
 * data), else by copy; counts both and keeps the first reason a link was impossible, for the manifest. The
 * directories touched are fsynced once each by {@link #syncDirectories()}.
 */
public final class FileLinks {
  private final AtomicInteger linked = new AtomicInteger();
  private final AtomicInteger copied = new AtomicInteger();
  private final AtomicReference<String> copyReason = new AtomicReference<>();
  private final Set<Path> dirs = Collections.synchronizedSet(new LinkedHashSet<>());

  /**
   * Puts {@code source} at {@code target}. A target that already holds the same file (or the same bytes) is left as
   * it is; one with other bytes (an image regenerated since it was exported) is replaced atomically. Nothing below
   * {@code root} is followed if it is a link: a target or folder that is one is refused by name ({@link SafeFiles}).
   */
  public void place(Path root, Path source, Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    SafeFiles.createDirectories(root, dir);
    SafeFiles.checkFile(root, target);
    boolean replace = false;
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isSameFile(source, target) || Files.mismatch(source, target) == -1) {
        return;
      }
      replace = true;
    }
    if (!replace) {
      try {
        Files.createLink(target, source);
        linked.incrementAndGet();
        dirs.add(dir); // after the entry exists, so a concurrent syncDirectories cannot clear it unsynced
        return;
      } catch (FileAlreadyExistsException e) {
        return; // placed meanwhile by another writer of the same file
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        copyReason.compareAndSet(null, "hard link " + source + " -> " + target + " impossible: " + e);
      }
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      boolean link = false;
      if (replace) {
        try {
          Files.delete(tmp);
          Files.createLink(tmp, source);
          link = true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
          copyReason.compareAndSet(null, "hard link " + source + " -> " + target + " impossible: " + e);
        }
      }
      if (!link) {
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      }
      SafeFiles.checkFile(root, target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      (link ? linked : copied).incrementAndGet();
      dirs.add(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Makes the new directory entries durable: one fsync per directory touched. */
  public void syncDirectories() {
    synchronized (dirs) {
      for (Path d : dirs) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
          ch.force(true);
        } catch (IOException ignored) {
          // not supported on some platforms
        }
      }
      dirs.clear();
    }
  }

  public int linked() {
    return linked.get();
  }

  public int copied() {
    return copied.get();
  }

  /** Why the first copy was needed, or null when every file was linked. */
  public String copyReason() {
    return copyReason.get();
  }
}
