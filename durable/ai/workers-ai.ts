/**
 * Workers AI through the `AI` binding (declared only in the production environment: it has no
 * local mode). Structured tasks use JSON mode (`response_format: {type: "json_schema"}`), which
 * the Llama 3.x instruct models support. The binding takes no abort signal, so the timeout races
 * the call; the late answer is simply dropped.
 */
import { NodeError } from "../types";
import { answerSchema, chatMessages, describeMessages, maxTokensFor } from "./prompt";
import type { AiProvider } from "./types";

/** A model with JSON mode and a good size/quality trade-off for short business tasks. */
export const DEFAULT_WORKERS_AI_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

/** The one method of the binding we use (typed loosely: any text-generation model id works). */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

const WHAT = "Workers AI";

/** Errors the binding throws, by their documented codes and wording. */
export function workersAiFailure(error: unknown): NodeError {
  const message = error instanceof Error ? error.message : String(error);
  const short = message.slice(0, 300);
  if (/\b3040\b|capacity|rate.?limit|too many requests|\b429\b/i.test(message)) {
    return new NodeError(`${WHAT} is over capacity: ${short}`, "ai_rate_limited", true, 10_000);
  }
  if (/\b3036\b|daily free allocation|neurons/i.test(message)) {
    return new NodeError(`${WHAT} allowance is used up: ${short}`, "ai_rate_limited", true, 3_600_000);
  }
  // 5xxx codes are about the request (bad input, unknown model): asking again will not help.
  if (/\b5\d{3}\b|no such model|invalid input|bad input/i.test(message)) {
    return new NodeError(`${WHAT} rejected the request: ${short}`, "ai_rejected", false);
  }
  return new NodeError(`${WHAT} failed: ${short}`, "ai_unavailable", true);
}

/** Create the provider over the binding. */
export function createWorkersAiProvider(ai: AiBinding, model: string, timeoutMs: number): AiProvider {
  return {
    id: "workers-ai",
    model,
    host: null,
    async complete(req) {
      const messages = chatMessages(req);
      const schema = answerSchema(req);
      const inputs = {
        messages,
        max_tokens: maxTokensFor(req),
        temperature: req.task === "generate" ? 0.4 : 0,
        ...(schema ? { response_format: { type: "json_schema", json_schema: schema } } : {}),
      };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new NodeError(`${WHAT} did not answer within ${Math.round(timeoutMs / 100) / 10} s`, "ai_timeout", true)), timeoutMs);
      });
      let result: { response?: unknown; usage?: { prompt_tokens?: number; completion_tokens?: number } };
      try {
        result = (await Promise.race([ai.run(model, inputs), timeout])) as typeof result;
      } catch (error) {
        throw error instanceof NodeError ? error : workersAiFailure(error);
      } finally {
        clearTimeout(timer);
      }
      const usage = result?.usage;
      return {
        // JSON mode answers an object already; free text is a string.
        output: result?.response ?? "",
        prompt: describeMessages(messages),
        ...(usage ? { tokens: { input: usage.prompt_tokens, output: usage.completion_tokens } } : {}),
      };
    },
  };
}
