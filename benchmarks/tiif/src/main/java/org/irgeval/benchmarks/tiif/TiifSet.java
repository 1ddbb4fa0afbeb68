package org.irgeval.benchmarks.tiif;

/**
 * Which TIIF prompt set a run uses: folder names of A113N-W3I/TIIF-Bench@3aae750 {@code data/} (README l.18-34).
 * testmini (277 prompts) is the set the TIIF leaderboard and the IRG table report; the full set has 2538.
 */
public enum TiifSet {
  TESTMINI("testmini", "testmini_prompts", "testmini_eval_prompts"),
  FULL("full", "test_prompts", "test_eval_prompts");

  private final String id;
  private final String promptDir;
  private final String evalDir;

  TiifSet(String id, String promptDir, String evalDir) {
    this.id = id;
    this.promptDir = promptDir;
    this.evalDir = evalDir;
  }

  /** The {@code tiif.set} option value. */
  public String id() {
    return id;
  }

  /** Folder of {@code <type>_prompts.jsonl} under {@code <data>/tiif/}. */
  public String promptDir() {
    return promptDir;
  }

  /** Folder of {@code <type>_eval_prompts.jsonl} under {@code <data>/tiif/}. */
  public String evalDir() {
    return evalDir;
  }

  public static TiifSet of(String id) {
    for (TiifSet s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("tiif set '" + id + "' is not testmini or full");
  }
}
