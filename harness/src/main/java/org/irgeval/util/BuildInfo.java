package org.irgeval.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Harness version and the git commit of the checkout it runs from (for manifests). */
public final class BuildInfo {
  private BuildInfo() {}

  public static String version() {
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /**
   * The commit of the git checkout that holds the running code (or the working directory), with "+dirty"
   * when it has uncommitted changes; "unknown" outside a checkout.
   */
  public static String gitCommit() {
    return Commit.VALUE;
  }

  /**
   * Computed once per process on first use (two git processes; a run asks for it for its manifest, its summary's
   * and its reports' keys): the code of a running process does not change under it.
   */
  private static final class Commit {
    static final String VALUE = compute();
  }

  private static String compute() {
    Path where = codeLocation();
    String head = git(where, "rev-parse", "HEAD");
    if (head == null) {
      return "unknown";
    }
    String status = git(where, "status", "--porcelain", "--untracked-files=no");
    return status == null || status.isBlank() ? head : head + "+dirty";
  }

  private static Path codeLocation() {
    try {
      Path p = Path.of(BuildInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return p.toFile().isFile() ? p.getParent() : p;
    } catch (Exception e) {
      return Path.of(".").toAbsolutePath();
    }
  }

  private static String git(Path dir, String... args) {
    try {
      String[] cmd = new String[args.length + 3];
      cmd[0] = "git";
      cmd[1] = "-C";
      cmd[2] = dir.toString();
      System.arraycopy(args, 0, cmd, 3, args.length);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return null;
      }
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
