package org.irgeval.benchmarks.geneval.rules;

import java.util.List;
import java.util.Map;

/**
 * The outcome of the rules for one image.
 *
 * @param correct the official boolean
 * @param reason  the official reason lines joined with "\n" ("" when correct)
 * @param kept    the detections kept per class after filtering, in object_names.txt order (the official
 *                {@code details})
 */
public record Verdict(boolean correct, String reason, Map<String, List<Detection>> kept) {}
