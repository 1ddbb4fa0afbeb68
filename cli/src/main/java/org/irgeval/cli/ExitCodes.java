package org.irgeval.cli;

/** Exit codes shared by the commands. */
final class ExitCodes {
  static final int OK = 0;
  /** Bad input (malformed data file, conflicting run) or a failed check. */
  static final int ERROR = 1;

  private ExitCodes() {}
}
