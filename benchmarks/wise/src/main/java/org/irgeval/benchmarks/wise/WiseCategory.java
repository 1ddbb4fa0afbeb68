package org.irgeval.benchmarks.wise;

/**
 * One WISE category: an inclusive prompt_id range (the official calculators assign categories by id range,
 * not by the JSON "Category" field), its weight in the official overall, and the JSON "Category" value the
 * official data files use for it (checked at load time so wrong-version files are caught).
 *
 * @param key       our category key (summary.json, paper table)
 * @param header    the paper's column header
 * @param firstId   first prompt_id, inclusive
 * @param lastId    last prompt_id, inclusive
 * @param weight    weight in the official overall
 * @param jsonValue the data files' "Category" value
 */
public record WiseCategory(String key, String header, int firstId, int lastId, double weight, String jsonValue) {
  public boolean contains(int promptId) {
    return promptId >= firstId && promptId <= lastId;
  }

  public int size() {
    return lastId - firstId + 1;
  }
}
