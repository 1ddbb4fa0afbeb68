package org.irgeval.benchmarks.genaibench.djl;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.irgeval.util.Hashing;

/**
 * {@code tokenizer(text).input_ids} of a T5 tokenizer.json (google/flan-t5-xxl's, saved by
 * tools/export_clip_flant5.py) on DJL's HuggingFace tokenizers: special tokens added (the post-processor's
 * {@code $A </s>}), no padding, no truncation (the 2048 context cut is {@link ClipT5Prompt}'s).
 */
public final class T5Tokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final String sha256;

  public T5Tokenizer(Path tokenizerJson) throws IOException {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new IOException(tokenizerJson + " does not exist (give the tokenizer.json file)");
    }
    this.sha256 = Hashing.sha256(tokenizerJson);
    this.tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson).optAddSpecialTokens(true)
        .optPadding(false).optTruncation(false).build();
  }

  public long[] encode(String text) {
    Encoding e = tokenizer.encode(text, true, false);
    return e.getIds();
  }

  public String sha256() {
    return sha256;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
