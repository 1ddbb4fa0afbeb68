package org.irgeval.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * The slow tier: campaigns that kill or fault whole runs, a Slurm cluster, a real browser, timings. The README's
 * {@code mvn -B verify} leaves these out; {@code mvn -B verify -Pall-tiers} (what {@code .ci/run} runs) includes
 * them. A class (or one test of it) is marked when it starts child JVMs, external services or a browser, runs the
 * command line end to end many times over, or measures time.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("system")
public @interface SystemTest {}
