/**
 * The contracts between the harness engine and its plugins: records for data and small service interfaces
 * ({@link org.irgeval.api.Benchmark}, {@link org.irgeval.api.PipelineProvider},
 * {@link org.irgeval.api.ScorerProvider}) discovered with {@link java.util.ServiceLoader}. No I/O here.
 */
package org.irgeval.api;
