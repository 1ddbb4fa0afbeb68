package org.irgeval.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;
import org.irgeval.util.Hashing;

/**
 * One part of a run split over several processes ({@code --shard i/N}, 0 <= i < N), e.g. the tasks of a Slurm
 * job array. The split is by (benchmark, prompt id), never by position in a prompt list: within each benchmark the
 * prompts are ordered by SHA-256 of {@code benchmark \0 prompt id} and dealt round-robin to the N shards, starting
 * at an offset derived from the benchmark id. So every shard holds whole prompts (all their samples), shard sizes
 * differ by at most one prompt per benchmark, the split does not depend on the order of the official file, and
 * since per-sample seeds derive from (run seed, benchmark, prompt id, sample) ({@code Seeds}), every shard asks
 * for exactly the seeds, and therefore makes exactly the images, of the unsharded run.
 *
 * @param index 0-based shard index
 * @param count number of shards
 */
public record Shard(int index, int count) {
  private static final Pattern SPEC = Pattern.compile("\\s*(\\d{1,6})\\s*/\\s*(\\d{1,6})\\s*");

  /** How the split is made, recorded in {@code shard.json}. */
  public static final String METHOD =
      "per benchmark: prompts ordered by sha256(benchmark NUL prompt_id), dealt round-robin from sha256(benchmark) mod N";

  public Shard {
    if (count < 1) {
      throw new IllegalArgumentException("shard count must be >= 1: " + count);
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("shard index must be in 0.." + (count - 1) + ": " + index + "/" + count
          + " (shards are numbered from 0, like SLURM_ARRAY_TASK_ID with --array=0-" + (count - 1) + ")");
    }
  }

  /** Parses {@code i/N}. */
  public static Shard parse(String spec) {
    Matcher m = SPEC.matcher(spec == null ? "" : spec);
    if (!m.matches()) {
      throw new IllegalArgumentException("--shard takes i/N with 0 <= i < N (e.g. 0/8): '" + spec + "'");
    }
    return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }

  /** The prompts of {@code set} that belong to this shard, in the set's (official) order. */
  public PromptSet select(PromptSet set) {
    List<Prompt> mine = new ArrayList<>();
    int[] owner = owners(set.benchmark(), set.prompts().stream().map(Prompt::id).toList(), count);
    for (int i = 0; i < set.prompts().size(); i++) {
      if (owner[i] == index) {
        mine.add(set.prompts().get(i));
      }
    }
    return new PromptSet(set.benchmark(), set.version(), mine, set.files(), set.categories());
  }

  /**
   * The shard (0..count-1) of each prompt id of one benchmark, in the order given. Depends only on the set of ids,
   * not on their order.
   */
  public static int[] owners(String benchmark, List<String> promptIds, int count) {
    int n = promptIds.size();
    Integer[] order = new Integer[n];
    byte[][] keys = new byte[n][];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      keys[i] = key(benchmark, promptIds.get(i));
    }
    Arrays.sort(order, Comparator.<Integer, byte[]>comparing(i -> keys[i], Arrays::compareUnsigned)
        .thenComparing(promptIds::get));
    int offset = (int) Long.remainderUnsigned(ByteBuffer.wrap(Hashing.sha256().digest(
        benchmark.getBytes(StandardCharsets.UTF_8))).getLong(), count);
    int[] owner = new int[n];
    int rank = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (k > 0 && promptIds.get(order[k - 1]).equals(promptIds.get(i))) {
        owner[i] = owner[order[k - 1]]; // a repeated id stays with its twin
        continue;
      }
      owner[i] = (offset + rank++) % count;
    }
    return owner;
  }

  private static byte[] key(String benchmark, String promptId) {
    MessageDigest md = Hashing.sha256();
    md.update(benchmark.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(promptId.getBytes(StandardCharsets.UTF_8));
    return md.digest();
  }
}
