package org.irgeval.cli;

import org.irgeval.util.BuildInfo;
import picocli.CommandLine;

/** {@code irg-eval --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"irg-eval " + BuildInfo.version() + " (" + BuildInfo.gitCommit() + ")"};
  }
}
