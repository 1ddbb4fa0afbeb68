package org.irgeval.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checks every {@code --out} folder gets before any work, so a mistyped one is named, never a stack trace. */
final class OutFolder {
  private OutFolder() {}

  /** Refuses the file system root and an existing file for {@code option} (a folder is expected). */
  static void check(String option, Path out) {
    if (out == null) {
      return;
    }
    Path abs = out.toAbsolutePath().normalize();
    if (abs.getFileName() == null) {
      throw new IllegalArgumentException(option + " " + out + " is the file system root: give a folder of its own");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException(option + " " + out + " is a file, not a folder: give a new or empty folder"
          + " (or an earlier one of the same kind)");
    }
  }

  /**
   * Refuses a folder inside one of this project's source modules (a folder with a pom.xml and src/main): reports
   * written there would land beside the code, untracked, and ship with the next commit by mistake.
   */
  static void refuseSourceModule(String option, Path out) {
    if (out == null) {
      return;
    }
    for (Path p = out.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("src/main"))) {
        throw new IllegalArgumentException(option + " " + out + " is inside the source module " + p
            + ": write reports under runs/ (e.g. --out runs/reports/NAME) or leave --out out for the default");
      }
    }
  }
}
