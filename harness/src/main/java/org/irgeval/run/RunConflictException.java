package org.irgeval.run;

/** The run directory holds a run with another configuration; it is not resumed. */
public class RunConflictException extends Exception {
  public RunConflictException(String message) {
    super(message);
  }
}
