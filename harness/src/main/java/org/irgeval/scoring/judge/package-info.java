/**
 * The shared OpenAI-compatible VLM judge client ({@link org.irgeval.scoring.judge.OpenAiJudgeFactory}: cache,
 * rate limit, bounded concurrency, capped retries honouring Retry-After, token and cost accounting) and a
 * loopback OpenAI-compatible server ({@link org.irgeval.scoring.judge.LoopbackJudgeServer}) used as the
 * embedded demo's plumbing judge and by every judged benchmark's tests. See docs/judge.md.
 */
package org.irgeval.scoring.judge;
