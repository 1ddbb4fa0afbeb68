package org.irgeval.util;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Per-sample seeds. The official scripts seed once per worker process ({@code 42 + rank}), so their pixels
 * depend on how prompts were sharded over GPUs (see docs/protocol.md). We derive every sample's seed from
 * (run seed, benchmark, prompt id, sample) instead, so the same run over 1 or 8 GPUs asks for the same seeds.
 */
public final class Seeds {
  private Seeds() {}

  /** A seed in [0, 2^31): accepted by torch, numpy (&lt; 2^32) and Java alike. */
  public static long derive(long runSeed, String benchmark, String promptId, int sample) {
    MessageDigest md = Hashing.sha256();
    md.update(ByteBuffer.allocate(8).putLong(runSeed).array());
    md.update(benchmark.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(promptId.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(ByteBuffer.allocate(4).putInt(sample).array());
    byte[] d = md.digest();
    return ByteBuffer.wrap(d, 0, 8).getLong() & 0x7fffffffL;
  }
}
