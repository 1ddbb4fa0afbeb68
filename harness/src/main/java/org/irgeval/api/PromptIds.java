package org.irgeval.api;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Turns prompt ids into names that are safe as one path segment on every file system. */
public final class PromptIds {
  private PromptIds() {}

  /**
   * Keeps {@code [A-Za-z0-9._-]}, replaces everything else by '_', and appends a short hex of the original
   * bytes whenever anything was replaced (so two ids never collide after sanitising). "." and ".." are
   * never returned.
   */
  public static String safe(String id) {
    StringBuilder sb = new StringBuilder(id.length());
    boolean changed = false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
        sb.append(c);
      } else {
        sb.append('_');
        changed = true;
      }
    }
    String s = sb.toString();
    if (s.isEmpty() || s.chars().allMatch(c -> c == '.') || s.length() > 120) {
      changed = true;
      s = s.length() > 120 ? s.substring(0, 120) : s.replace('.', '_');
    }
    if (changed) {
      byte[] b = id.getBytes(StandardCharsets.UTF_8);
      int h = java.util.Arrays.hashCode(b);
      s = s + "~" + HexFormat.of().toHexDigits(h);
    }
    return s;
  }
}
