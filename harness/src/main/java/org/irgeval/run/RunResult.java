package org.irgeval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run did.
 *
 * @param runDir             the run directory
 * @param summary            the written summary.json
 * @param generated          trajectories generated in this session
 * @param scored             score lines written in this session
 * @param generationFailures generations that failed in this session (retried on the next run)
 * @param scoreIncomplete    scorings that failed transiently (retried on the next run)
 * @param repairs            journal repairs done at start
 */
public record RunResult(Path runDir, ObjectNode summary, int generated, int scored, List<String> generationFailures,
                        int scoreIncomplete, List<String> repairs) {}
