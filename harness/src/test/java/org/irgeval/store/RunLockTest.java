package org.irgeval.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process per run directory; stale locks of dead processes are taken over; folders that are not runs refused. */
class RunLockTest {
  @TempDir
  Path tmp;

  @Test
  void aSecondOpenIsRefusedWithTheHolderAndTheLockIsFreedOnClose() throws Exception {
    Path run = tmp.resolve("run");
    try (RunStore first = RunStore.open(run)) {
      RunLock.RunLockedException e = assertThrows(RunLock.RunLockedException.class, () -> RunStore.open(run));
      assertTrue(e.getMessage().contains("pid=" + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(Files.exists(run.resolve(RunLock.FILE)));
    }
    assertFalse(Files.exists(run.resolve(RunLock.FILE)), "released and removed on close");
    try (RunStore again = RunStore.open(run)) {
      assertTrue(Files.exists(run.resolve(RunLock.FILE)));
    }
  }

  @Test
  void aStaleLockOfADeadProcessOnThisHostIsTakenOverOneFromAnotherHostIsRefused() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("run"));
    String host = java.net.InetAddress.getLocalHost().getHostName();
    // a lock file left by a killed process: nobody holds the OS lock
    Files.writeString(run.resolve(RunLock.FILE), "pid=999999 host=" + host + " started=2026-01-01T00:00:00Z\n");
    try (RunStore s = RunStore.open(run)) {
      assertTrue(Files.readString(run.resolve(RunLock.FILE)).contains("pid=" + ProcessHandle.current().pid()));
    }
    Files.writeString(run.resolve(RunLock.FILE), "pid=42 host=gpu-node-17 started=2026-01-01T00:00:00Z\n");
    RunLock.RunLockedException e = assertThrows(RunLock.RunLockedException.class, () -> RunStore.open(run));
    assertTrue(e.getMessage().contains("gpu-node-17") && e.getMessage().contains("pid=42"), e.getMessage());
  }

  @Test
  void aNonEmptyFolderThatIsNotARunIsRefused() throws Exception {
    Path photos = Files.createDirectories(tmp.resolve("photos"));
    Files.writeString(photos.resolve("holiday.jpg"), "x");
    assertThrows(RunStore.NotARunException.class, () -> RunStore.open(photos));
    assertFalse(Files.exists(photos.resolve(RunStore.TRAJECTORIES)), "nothing written into it");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    RunStore.open(empty).close();
  }
}
