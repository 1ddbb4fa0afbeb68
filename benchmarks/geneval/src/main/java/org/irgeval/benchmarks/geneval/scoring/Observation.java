package org.irgeval.benchmarks.geneval.scoring;

import java.util.List;
import org.irgeval.benchmarks.geneval.rules.ColorClassifier;
import org.irgeval.benchmarks.geneval.rules.Detection;

/**
 * What a back end saw in one image: raw detections per class index and a colour classifier bound to the image.
 */
public record Observation(List<List<Detection>> raw, ColorClassifier colors) {}
