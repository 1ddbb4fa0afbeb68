package org.irgeval.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The exclusive lock of a run directory: {@code run.lock}, an OS file lock held while a process works on the run,
 * with the holder's pid, host and start time written in it. Two processes on one {@code --out} (a Slurm requeue
 * overlapping its predecessor) would interleave their journals; the second is refused with the holder's details.
 *
 * <p>The OS releases the lock when its holder dies, so a stale lock of a dead process on this host is taken over.
 * File locks are not reliable over every network file system, so a lock file naming another host whose lock we
 * could still take is refused too, with its details: that host may be working on the run over a shared file
 * system. Remove {@code run.lock} by hand when it is not.
 */
public final class RunLock implements AutoCloseable {
  public static final String FILE = "run.lock";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes a shared lock of {@code dir} for reading it whole ({@code merge} reading a shard): refused while a process
   * holds the exclusive lock (a shard still being written), or when the lock file names another host. Several
   * readers may hold it together; the lock file is left as it is (never written, never deleted: another reader may
   * hold it).
   */
  public static RunLock acquireShared(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    FileChannel ch = SafeFiles.open(dir, file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock(0, Long.MAX_VALUE, true);
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    String holder = read(ch);
    if (lock == null) {
      ch.close();
      throw new RunLockedException(dir + " is in use by another irg-eval process (" + (holder.isBlank() ? "unknown"
          : holder.strip()) + "); wait for it to finish before reading it");
    }
    String prevHost = field(holder, "host");
    if (prevHost != null && !prevHost.equals(host())) {
      lock.release();
      ch.close();
      throw new RunLockedException(dir + " has a lock file from host " + prevHost + " (" + holder.strip() + "): a"
          + " process there may be writing this run over a shared file system; if none is, delete " + file);
    }
    return new RunLock(null, ch, lock);
  }

  /** Takes the lock of {@code dir} or fails with who holds it. */
  public static RunLock acquire(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    // never through a link: a run.lock linked to another file would be truncated below (SafeFiles)
    FileChannel ch = SafeFiles.open(dir, file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM
    }
    if (lock == null) {
      String holder = read(ch);
      ch.close();
      throw new RunLockedException(dir + " is in use by another irg-eval process (" + (holder.isBlank() ? "unknown"
          : holder.strip()) + "); wait for it to finish, or stop it, before running on this directory again");
    }
    String previous = read(ch);
    String host = host();
    String prevHost = field(previous, "host");
    if (prevHost != null && !prevHost.equals(host)) {
      lock.release();
      ch.close();
      throw new RunLockedException(dir + " has a lock file from host " + prevHost + " (" + previous.strip() + "): a"
          + " process there may be using this run over a shared file system; if none is, delete " + file);
    }
    String me = "pid=" + ProcessHandle.current().pid() + " host=" + host + " started=" + Instant.now() + " jvm="
        + ManagementFactory.getRuntimeMXBean().getName() + "\n";
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
    ch.force(true);
    return new RunLock(file, ch, lock);
  }

  @Override
  public void close() throws IOException {
    if (file == null) { // shared: others may hold it too
      try {
        lock.release();
      } finally {
        channel.close();
      }
      return;
    }
    try {
      // Emptied before release: an empty lock file is a lock nobody holds, whoever reads it next.
      channel.truncate(0);
      lock.release();
    } finally {
      channel.close();
      Files.deleteIfExists(file);
    }
  }

  private static String read(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
    ch.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
  }

  static String field(String text, String key) {
    for (String part : text.strip().split("\\s+")) {
      if (part.startsWith(key + "=")) {
        return part.substring(key.length() + 1);
      }
    }
    return null;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", "unknown-host");
    }
  }

  /** The run directory is locked by another process. */
  public static final class RunLockedException extends IOException {
    public RunLockedException(String message) {
      super(message);
    }
  }
}
