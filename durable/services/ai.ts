import type { NodeServices } from "../types";
import type { RunEnv } from "../env";
import type { ServiceScope } from "../services";
import { resolveAiConfig } from "../ai/config";
import { createProvider } from "../ai/create";
import { redact } from "../ai/redact";
import { readAiChoice, recordAiUsage } from "../ai/store";

/** Memo key marking that this run's AI usage has been counted once (for cost per run). */
const COUNTED = "ai:run-counted";

/**
 * AI completions through the configured provider (durable/ai/config.ts). Test runs use the same
 * provider as live runs: an AI answer has no side effect. Each answer carries what the step
 * records — provider, model, latency, tokens, the redacted prompt and the estimated cost.
 */
export function createAiService(env: RunEnv, scope: ServiceScope): NodeServices["ai"] {
  return {
    async complete(req) {
      const config = resolveAiConfig(env, await readAiChoice(env.DB));
      const provider = createProvider(env, config);
      const started = Date.now();
      const answer = await provider.complete(req);
      const latencyMs = Date.now() - started;
      const inputTokens = answer.tokens?.input ?? 0;
      const outputTokens = answer.tokens?.output ?? 0;
      const priced = config.pricePer1kTokens !== null && (answer.tokens !== undefined || provider.id === "builtin");
      const costUsd = priced ? ((inputTokens + outputTokens) / 1000) * (config.pricePer1kTokens ?? 0) : undefined;
      const newRun = scope.memo ? scope.memo.get<boolean>(COUNTED) !== true : false;
      if (newRun) scope.memo?.put(COUNTED, true);
      // Usage feeds the Settings page's estimate only; losing one count must not fail the step.
      await recordAiUsage(env.DB, { provider: provider.id, model: provider.model, newRun, inputTokens, outputTokens, now: new Date(scope.now).toISOString() }).catch(() => undefined);
      return {
        provider: provider.id,
        model: provider.model,
        output: answer.output,
        latencyMs,
        ...(answer.tokens ? { tokens: answer.tokens } : {}),
        prompt: redact(answer.prompt, env as unknown as Record<string, unknown>),
        ...(costUsd !== undefined ? { costUsd } : {}),
        ...(answer.notFound?.length ? { notFound: answer.notFound } : {}),
      };
    },
  };
}
