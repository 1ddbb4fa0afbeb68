package org.irgeval.benchmarks.tiif;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.irgeval.api.DataException;
import org.irgeval.api.Prompt;
import org.irgeval.api.PromptSet;

/**
 * Files each official TIIF result record under the prompt it judged. The official aggregation never needs this
 * (summary_results.py l.57-97 sums a folder's answers whatever the files are called), but a run keeps per-prompt
 * scores, so an import must know which prompt a record belongs to, and must never change the official numbers doing so.
 *
 * <p>The records of one type and length are matched together, the first way that fits all of them:
 * <ol>
 *   <li>by line: {@code line_idx} is the prompt's line, asking the same questions (our own exports, a run of the
 *       official evaluator on the testmini files, the full set);</li>
 *   <li>by the full set's line: {@code line_idx} is the prompt's {@code full_line_idx} (docs/tiif.md section 1.5),
 *       asking the same questions: the released testmini results, made with {@code --sample_idx_file} on the full set,
 *       number {@code style} and {@code real_world} so;</li>
 *   <li>record by record: the prompt of its line or full-set line where it asks the same questions and no other
 *       record took it, else the first free prompt (in line order) asking the same questions. Several prompts can ask
 *       the same questions (30 testmini {@code style} lines share 10 questions), so this never refuses a record for
 *       that; which of them it gets cannot change any official number, as all of them have one type and length.</li>
 * </ol>
 * Refused: a record no prompt of its type and length asks the questions of, more records than prompts asking some
 * questions, and two records of one line (a copied file; the official script would count it twice).
 */
final class TiifResultMatcher {
  private final PromptSet prompts;

  TiifResultMatcher(PromptSet prompts) {
    this.prompts = prompts;
  }

  /** The prompt of each result, in the results' order. */
  List<Prompt> match(List<TiifResultsImporter.Result> results) throws DataException {
    Map<String, List<Prompt>> promptsOf = new HashMap<>();
    for (Prompt p : prompts.prompts()) {
      promptsOf.computeIfAbsent(key(p.metadata().path("type").asText(), p.metadata().path("length").asText()),
          k -> new ArrayList<>()).add(p);
    }
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      groups.computeIfAbsent(key(results.get(i).type(), results.get(i).length()), k -> new ArrayList<>()).add(i);
    }
    Prompt[] out = new Prompt[results.size()];
    for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
      List<TiifResultsImporter.Result> rs = g.getValue().stream().map(results::get).toList();
      List<Prompt> matched = matchGroup(rs, promptsOf.getOrDefault(g.getKey(), List.of()));
      for (int k = 0; k < rs.size(); k++) {
        out[g.getValue().get(k)] = matched.get(k);
      }
    }
    return List.of(out);
  }

  private List<Prompt> matchGroup(List<TiifResultsImporter.Result> rs, List<Prompt> candidates)
      throws DataException {
    Map<Integer, Prompt> byLine = new HashMap<>();
    Map<Integer, Prompt> byFullLine = new HashMap<>();
    for (Prompt p : candidates) {
      byLine.put(p.metadata().path("line_idx").asInt(), p);
      if (p.metadata().has("full_line_idx")) {
        byFullLine.put(p.metadata().path("full_line_idx").asInt(), p);
      }
    }
    List<Prompt> all = allFound(rs, byLine);
    if (all == null) {
      all = allFound(rs, byFullLine);
    }
    return all != null ? all : oneByOne(rs, candidates, byLine, byFullLine);
  }

  /** Every record's prompt by its line in {@code index}, all distinct and asking its questions; else null. */
  private static List<Prompt> allFound(List<TiifResultsImporter.Result> rs, Map<Integer, Prompt> index) {
    List<Prompt> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (TiifResultsImporter.Result r : rs) {
      Prompt p = index.get(r.line());
      if (p == null || !asks(p, r) || !taken.add(p.id())) {
        return null;
      }
      out.add(p);
    }
    return out;
  }

  private List<Prompt> oneByOne(List<TiifResultsImporter.Result> rs, List<Prompt> candidates,
                                Map<Integer, Prompt> byLine, Map<Integer, Prompt> byFullLine) throws DataException {
    Prompt[] out = new Prompt[rs.size()];
    Map<String, TiifResultsImporter.Result> takenBy = new HashMap<>();
    List<Integer> rest = new ArrayList<>();
    for (int k = 0; k < rs.size(); k++) {
      TiifResultsImporter.Result r = rs.get(k);
      Prompt p = byLine.get(r.line());
      if (p == null || !asks(p, r)) {
        p = byFullLine.get(r.line());
      }
      if (p == null || !asks(p, r)) {
        rest.add(k);
        continue;
      }
      TiifResultsImporter.Result before = takenBy.putIfAbsent(p.id(), r);
      if (before == null) {
        out[k] = p;
      } else if (before.line() == r.line()) {
        throw new DataException(r.file().toString(), 0, "line_idx", "line " + r.line() + " again: the same prompt"
            + " as " + before.file() + " (a copied file?)", null);
      } else {
        rest.add(k);
      }
    }
    List<Prompt> inLineOrder = candidates.stream()
        .sorted(Comparator.comparingInt(p -> p.metadata().path("line_idx").asInt())).toList();
    for (int k : rest) {
      TiifResultsImporter.Result r = rs.get(k);
      Prompt free = null;
      boolean asked = false;
      for (Prompt p : inLineOrder) {
        if (asks(p, r)) {
          asked = true;
          if (!takenBy.containsKey(p.id())) {
            free = p;
            break;
          }
        }
      }
      if (free == null) {
        throw new DataException(r.file().toString(), 0, "questions", asked
            ? "more results than " + prompts.version() + " prompts of type " + r.type() + " (" + r.length()
              + ") asking these questions"
            : "no " + prompts.version() + " prompt of type " + r.type() + " (" + r.length() + ") at line " + r.line()
              + ", at full-set line " + r.line() + " or asking these questions", TiifPromptLoader.SOURCE);
      }
      takenBy.put(free.id(), r);
      out[k] = free;
    }
    return List.of(out);
  }

  private static boolean asks(Prompt p, TiifResultsImporter.Result r) {
    List<String> qs = new ArrayList<>();
    p.metadata().path("eval").path("yn_question_list").forEach(q -> qs.add(q.asText()));
    return qs.equals(r.questions());
  }

  private static String key(String type, String length) {
    return type + "/" + length;
  }
}
