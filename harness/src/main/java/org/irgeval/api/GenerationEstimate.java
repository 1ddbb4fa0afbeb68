package org.irgeval.api;

/**
 * What one trajectory of a pipeline costs, for the plan {@code irg-eval doctor} and {@code run --dry-run} print
 * before any work.
 *
 * @param turns                   image turns per trajectory (the images a trajectory makes)
 * @param gpuSecondsPerTrajectory GPU time of one trajectory, seconds (0 for a pipeline without a GPU)
 * @param bytesPerImage           the size of one stored image, roughly (for the disk check)
 * @param plumbing                true for a pipeline that only checks the plumbing (its drawings are not a model's)
 * @param source                  where the time comes from (a measurement, a paper), printed beside it
 */
public record GenerationEstimate(int turns, double gpuSecondsPerTrajectory, long bytesPerImage, boolean plumbing,
                                 String source) {}
