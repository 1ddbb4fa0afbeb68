package org.irgeval.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Places files by hard link where the file system allows it (no second copy of the bytes, no per-file fsync of
 * data), else by copy; counts both and keeps the first reason a link was impossible, for the manifest. The
 * directories touched are fsynced once each by {@link #syncDirectories()}.
 */
public final class FileLinks {
  private final AtomicInteger linked = new AtomicInteger();
  private final AtomicInteger copied = new AtomicInteger();
  private final AtomicReference<String> copyReason = new AtomicReference<>();
  private final Set<Path> dirs = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

  /** Puts {@code source} at {@code target} (replacing nothing: an existing target is left as it is). */
  public void place(Path source, Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    dirs.add(dir);
    if (Files.exists(target)) {
      return;
    }
    try {
      Files.createLink(target, source);
      linked.incrementAndGet();
      return;
    } catch (FileAlreadyExistsException e) {
      return;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      copyReason.compareAndSet(null, "hard link " + source + " -> " + target + " impossible: " + e);
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      copied.incrementAndGet();
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
