package org.irgeval.scoring.judge;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3: delay-seconds or an HTTP-date). */
final class RetryAfter {
  private RetryAfter() {}

  static Optional<Duration> parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      // Providers send fractional seconds too ("0.5"), though the RFC says integer.
      double seconds = Double.parseDouble(v);
      if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
