package org.irgeval.benchmarks.wise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.irgeval.api.DataException;
import org.irgeval.util.Hashing;

/**
 * The verbatim official judge texts, read at run time from {@code <data>/wise/judge_prompts/} (extracted from
 * gpt_eval.py l.95 / l.104-160 and vllm_eval.py l.95 / l.104-169; never pasted into our sources).
 *
 * @param system     system message text
 * @param user       user message template with {@code {Prompt}} and {@code {Explanation}}
 * @param systemSha256 hash of the system file (part of the scorer fingerprint)
 * @param userSha256 hash of the user file
 */
record WiseTemplates(String system, String user, String systemSha256, String userSha256) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(Prompt|Explanation)\\}");

  static WiseTemplates load(Path dataDir, WiseVersion version) throws DataException {
    Path dir = dataDir.resolve("wise").resolve("judge_prompts");
    byte[] sys = read(dir.resolve(version.systemTemplate()), version);
    byte[] usr = read(dir.resolve(version.userTemplate()), version);
    String user = new String(usr, StandardCharsets.UTF_8);
    for (String ph : new String[] {"{Prompt}", "{Explanation}"}) {
      if (!user.contains(ph)) {
        throw new DataException("wise/judge_prompts/" + version.userTemplate(), 0, ph,
            "placeholder missing from the user template", WisePromptLoader.SOURCE + " (" + version.officialScripts()
                + ", build_evaluation_messages)");
      }
    }
    return new WiseTemplates(new String(sys, StandardCharsets.UTF_8), user, Hashing.sha256(sys),
        Hashing.sha256(usr));
  }

  private static byte[] read(Path f, WiseVersion version) throws DataException {
    String shown = "wise/judge_prompts/" + f.getFileName();
    try {
      return Files.readAllBytes(f);
    } catch (NoSuchFileException e) {
      throw new DataException(shown, 0, null, "judge template not found (it is the verbatim text of "
          + version.officialScripts() + " build_evaluation_messages)", WisePromptLoader.SOURCE);
    } catch (IOException e) {
      throw new DataException(shown, 0, null, "cannot read: " + e.getMessage(), WisePromptLoader.SOURCE);
    }
  }

  /**
   * The user text with {@code {Prompt}} and {@code {Explanation}} replaced by the raw values, as the official
   * f-string does (no escaping; one pass, so a value containing "{Explanation}" is never substituted again).
   */
  String fillUser(String prompt, String explanation) {
    Matcher m = PLACEHOLDER.matcher(user);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1).equals("Prompt") ? prompt : explanation));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
