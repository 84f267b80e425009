/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure-style gateways, Ollama, vLLM,
 * LiteLLM, OpenRouter…). Structured tasks ask for `response_format: json_schema`; endpoints that
 * refuse it (400 naming the parameter) are asked again with `json_object`, then with none, and an
 * unsupported `temperature` or `max_tokens` is dropped the same way — all within one step try.
 * Rate limits, 5xx and timeouts become retryable NodeErrors for the engine's backoff.
 */
import { errorDetail, failureFromResponse, failureFromThrow } from "../services/http-failure";
import { NodeError } from "../types";
import { answerSchema, chatMessages, describeMessages, maxTokensFor } from "./prompt";
import type { AiProvider, AiRequest } from "./types";

export interface OpenAiConfig {
  /** e.g. https://api.openai.com/v1 — `/chat/completions` is appended. */
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

type Format = "json_schema" | "json_object" | "none";
const WHAT = "The AI provider";

interface Completion {
  choices?: { message?: { content?: string | null; refusal?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

function body(cfg: OpenAiConfig, req: AiRequest, format: Format, params: Record<string, number>): Record<string, unknown> {
  const schema = answerSchema(req);
  const responseFormat =
    format === "json_schema" && schema
      ? { type: "json_schema", json_schema: { name: `${req.task}_answer`, strict: true, schema } }
      : format === "json_object"
        ? { type: "json_object" }
        : undefined;
  return { model: cfg.model, messages: chatMessages(req), ...params, ...(responseFormat ? { response_format: responseFormat } : {}) };
}

/** Create the provider for one configuration. */
export function createOpenAiProvider(cfg: OpenAiConfig): AiProvider {
  const url = `${cfg.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  return {
    id: "openai",
    model: cfg.model,
    host: new URL(cfg.baseUrl).host,
    async complete(req) {
      let format: Format = answerSchema(req) ? "json_schema" : "none";
      // Deterministic answers for structured tasks; a little freedom for prose.
      const params: Record<string, number> = { temperature: req.task === "generate" ? 0.4 : 0, max_tokens: maxTokensFor(req) };
      for (let round = 0; round < 5; round++) {
        let res: Response;
        try {
          res = await fetch(url, {
            method: "POST",
            headers: { authorization: `Bearer ${cfg.apiKey}`, "content-type": "application/json", accept: "application/json" },
            body: JSON.stringify(body(cfg, req, format, params)),
            signal: AbortSignal.timeout(cfg.timeoutMs),
          });
        } catch (error) {
          throw failureFromThrow(error, WHAT, "ai", cfg.timeoutMs);
        }
        if (res.status === 400) {
          const detail = await errorDetail(res);
          if (/response_format|json_schema|json_object|structured output/i.test(detail) && format !== "none") {
            format = format === "json_schema" ? "json_object" : "none";
            continue;
          }
          if (/temperature/i.test(detail) && "temperature" in params) {
            delete params.temperature;
            continue;
          }
          if (/max_tokens/i.test(detail) && "max_tokens" in params) {
            const budget = params.max_tokens;
            delete params.max_tokens;
            if (/max_completion_tokens/i.test(detail)) params.max_completion_tokens = budget;
            continue;
          }
          throw await failureFromResponse(res, WHAT, "ai", detail);
        }
        if (!res.ok) throw await failureFromResponse(res, WHAT, "ai");
        let json: Completion;
        try {
          json = (await res.json()) as Completion;
        } catch {
          throw new NodeError(`${WHAT} answered with something that is not JSON`, "ai_bad_response", true);
        }
        const message = json.choices?.[0]?.message;
        if (message?.refusal) throw new NodeError(`The model refused: ${message.refusal.slice(0, 300)}`, "ai_refused", false);
        const input = json.usage?.prompt_tokens;
        const output = json.usage?.completion_tokens;
        return {
          // An empty or missing content is left to the node's validation, which asks once more.
          output: message?.content ?? "",
          prompt: describeMessages(chatMessages(req)),
          ...(input !== undefined || output !== undefined ? { tokens: { ...(input !== undefined ? { input } : {}), ...(output !== undefined ? { output } : {}) } } : {}),
        };
      }
      throw new NodeError(`${WHAT} kept refusing the request's options`, "ai_rejected", false);
    },
  };
}
