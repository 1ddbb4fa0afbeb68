package org.irgeval.benchmarks.geneval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.api.ImageLayout;
import org.irgeval.api.Prompt;
import org.irgeval.store.AtomicFiles;
import org.irgeval.store.SafeFiles;
import org.irgeval.util.Json;

/**
 * The official image folder (docs/geneval.md, "Official image layout"; generation/diffusers_generate.py l.115-146, read by
 * evaluate_images.py {@code main} l.261-280):
 * <pre>
 * root/00012/metadata.jsonl        the prompt's metadata line, json.dump'ed: one object, no newline
 * root/00012/samples/00003.png     sample 3 (the generator writes 5 digits, the README shows 4)
 * </pre>
 * Reading accepts any all-digit sample name whose number is the sample index ({@code 0003.png},
 * {@code 00003.png}, {@code 3.png}); two names for one sample are an error, never a silent pick. Because the
 * official evaluator scores a folder with the metadata INSIDE it (l.266-267), a folder whose metadata differs
 * from the prompt (another prompt file, another order) is an error too.
 */
public final class GenEvalImageLayout implements ImageLayout {
  /** evaluate_images.py l.274 keeps names matching {@code re.match(r"\d+\.png", name)}. */
  private static final Pattern SAMPLE = Pattern.compile("(\\d+)\\.png");

  private final ObjectMapper mapper = Json.mapper();

  /** The folder of a prompt under {@code root}. */
  public static Path folder(Path root, Prompt prompt) {
    return root.resolve(prompt.id());
  }

  /** The file name we write for a sample (diffusers_generate.py: {@code f"{i:05}.png"}). */
  public static String sampleName(int sample) {
    return String.format("%05d.png", sample);
  }

  @Override
  public Optional<Path> find(Path root, Prompt prompt, int sample) throws IOException {
    Path dir = folder(root, prompt);
    Path samples = dir.resolve("samples");
    if (!Files.isDirectory(samples)) {
      return Optional.empty();
    }
    List<Path> hits = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(samples)) {
      for (Path p : ds) {
        Matcher m = SAMPLE.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p) && sameNumber(m.group(1), sample)) {
          hits.add(p);
        }
      }
    }
    if (hits.isEmpty()) {
      return Optional.empty();
    }
    if (hits.size() > 1) {
      hits.sort(null);
      throw new IOException("geneval: " + hits.size() + " files for sample " + sample + " of prompt " + prompt.id()
          + ": " + hits + " (keep one)");
    }
    checkMetadata(dir, prompt);
    return Optional.of(hits.get(0));
  }

  @Override
  public void write(Path root, Prompt prompt, int sample, byte[] png) throws IOException {
    Path dir = folder(root, prompt);
    writeMetadata(root, dir, prompt);
    AtomicFiles.write(root, dir.resolve("samples").resolve(sampleName(sample)), png);
  }

  @Override
  public void place(Path root, Prompt prompt, int sample, Path png, FilePlacer placer) throws IOException {
    Path dir = folder(root, prompt);
    writeMetadata(root, dir, prompt);
    placer.place(png, dir.resolve("samples").resolve(sampleName(sample)));
  }

  /** The prompt's {@code metadata.jsonl}, rewritten only when it differs (never read or written through a link). */
  private static void writeMetadata(Path root, Path dir, Prompt prompt) throws IOException {
    Path meta = dir.resolve("metadata.jsonl");
    String text = PyJson.dumps(prompt.metadata());
    SafeFiles.checkFile(root, meta);
    if (!Files.exists(meta) || !Files.readString(meta, StandardCharsets.UTF_8).equals(text)) {
      AtomicFiles.write(root, meta, text);
    }
  }

  private void checkMetadata(Path dir, Prompt prompt) throws IOException {
    Path meta = dir.resolve("metadata.jsonl");
    if (!Files.exists(meta)) {
      return; // images without metadata can still be scored against the loaded prompt
    }
    JsonNode found;
    try {
      found = mapper.readTree(Files.readString(meta, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(meta + ": not one JSON object (" + e.getMessage() + ")", e);
    }
    if (!prompt.metadata().equals(found)) {
      throw new IOException(meta + ": metadata differs from prompt " + prompt.id() + " of the loaded prompt file"
          + (sameExceptPrompt(prompt.metadata(), found)
              ? " only in its \"prompt\" text: the images were made with the other prompt file "
                  + "(set --bench-opt geneval.prompts=original|rewritten to match)"
              : "; the folder belongs to another prompt"));
    }
  }

  static boolean sameExceptPrompt(JsonNode a, JsonNode b) {
    if (a == null || b == null || !a.isObject() || !b.isObject()) {
      return false;
    }
    var x = a.deepCopy();
    var y = b.deepCopy();
    ((ObjectNode) x).remove("prompt");
    ((ObjectNode) y).remove("prompt");
    return x.equals(y);
  }

  private static boolean sameNumber(String digits, int sample) {
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    return trimmed.length() <= 9 && Integer.parseInt(trimmed) == sample;
  }
}
