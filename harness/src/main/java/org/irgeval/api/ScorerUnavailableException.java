package org.irgeval.api;

/** A scorer cannot run with the current configuration; the message says what to supply. */
public class ScorerUnavailableException extends Exception {
  public ScorerUnavailableException(String message) {
    super(message);
  }
}
