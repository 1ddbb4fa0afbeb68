package org.irgeval.benchmarks.genaibench.djl;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The text side of CLIP-FlanT5 VQAScore (linzhiqiu/t2v_metrics@335e4c2): the question template
 * ({@code clip_t5_model.py} l.9), the answer "Yes" (l.10), the {@code t5_chat} conversation (l.15-16, with
 * {@code SYSTEM_MSG} of constants.py) and {@code t5_tokenizer_image_token} (mm_utils.py l.164-179): the prompt is
 * split on {@code <image>} and each chunk is tokenized on its own, so each chunk ends with {@code </s>} (what
 * {@code tokenizer(chunk).input_ids} returns for T5); the image token (-200) goes between them, and the export
 * replaces it with the 576 projected CLIP patch features. The labels are {@code tokenizer("Yes").input_ids}
 * = [▁Yes, </s>] (l.245).
 */
public final class ClipT5Prompt {
  /** clip_t5_model.py l.9 (lower-case "yes or no", unlike the GPT-4o template). */
  public static final String QUESTION_TEMPLATE = "Does this figure show \"{}\"? Please answer yes or no.";
  /** clip_t5_model.py l.10. */
  public static final String ANSWER = "Yes";
  /** constants.py SYSTEM_MSG. */
  public static final String SYSTEM_MSG = "A chat between a curious user and an artificial intelligence assistant. "
      + "The assistant gives helpful, detailed, and polite answers to the user's questions.";
  /** constants.py DEFAULT_IMAGE_TOKEN. */
  public static final String IMAGE_TOKEN = "<image>";
  /** constants.py CONTEXT_LEN = the tokenizer's model_max_length: input ids are cut there (l.254). */
  public static final int CONTEXT_LEN = 2048;

  private ClipT5Prompt() {}

  /** {@code question_template.format(text)}. */
  public static String question(String prompt) {
    return QUESTION_TEMPLATE.replace("{}", prompt);
  }

  /** {@code format_question(question, 't5_chat')}. */
  public static String t5Chat(String question) {
    return SYSTEM_MSG + " USER: " + IMAGE_TOKEN + "\n" + question + " ASSISTANT: ";
  }

  /**
   * Token ids on either side of the image token.
   *
   * @param pre    the first chunk's ids (ending with {@code </s>})
   * @param post   the second chunk's ids (ending with {@code </s>}), cut so that pre + image + post is at most
   *               {@link #CONTEXT_LEN} ids
   * @param labels the ids of "Yes"
   */
  public record Tokens(long[] pre, long[] post, long[] labels, boolean truncated) {
    /** The official input_ids with the image token index (-200) in place. */
    public long[] inputIds() {
      long[] ids = Arrays.copyOf(pre, pre.length + 1 + post.length);
      ids[pre.length] = -200;
      System.arraycopy(post, 0, ids, pre.length + 1, post.length);
      return ids;
    }
  }

  /**
   * Tokenizes the t5_chat prompt of a GenAI-Bench prompt.
   *
   * @param encode {@code tokenizer(text).input_ids} (with the {@code </s>} the T5 post-processor appends)
   * @throws IllegalArgumentException when the prompt itself contains {@code <image>} (t2v_metrics would insert a
   *                                  second image token and fail)
   */
  public static Tokens tokens(String prompt, Function<String, long[]> encode) {
    String text = t5Chat(question(prompt));
    String[] chunks = text.split(java.util.regex.Pattern.quote(IMAGE_TOKEN), -1);
    if (chunks.length != 2) {
      throw new IllegalArgumentException("the prompt contains '" + IMAGE_TOKEN + "': CLIP-FlanT5's prompt has"
          + " exactly one image token");
    }
    long[] pre = encode.apply(chunks[0]);
    long[] post = encode.apply(chunks[1]);
    boolean truncated = false;
    int room = CONTEXT_LEN - pre.length - 1;
    if (post.length > room) {
      post = Arrays.copyOf(post, Math.max(room, 0));
      truncated = true;
    }
    return new Tokens(pre, post, encode.apply(ANSWER), truncated);
  }
}
