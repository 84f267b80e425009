/**
 * The AI provider interface. Three implementations, chosen by configuration (see config.ts):
 * the built-in deterministic provider, any OpenAI-compatible chat-completions endpoint, and
 * Workers AI through the `AI` binding. Providers throw NodeError for failures; whether the engine
 * retries follows from `retryable` (rate limits, timeouts, 5xx) and `retryAfterMs`.
 */
import type { NodeServices } from "../types";

/** One request from an AI node (the `NodeServices.ai.complete` argument). */
export type AiRequest = Parameters<NodeServices["ai"]["complete"]>[0];

export type ProviderId = "builtin" | "openai" | "workers-ai";

/** What a provider answers; the service adds latency, cost and redaction around it. */
export interface ProviderAnswer {
  /** JSON text, an object, or plain text (generate); the node validates it. */
  output: unknown;
  tokens?: { input?: number; output?: number };
  /** What was sent, before redaction. */
  prompt: string;
  notFound?: string[];
}

/** A configured provider ready to answer. */
export interface AiProvider {
  id: ProviderId;
  model: string;
  /** Host name of the endpoint, for display; null for in-process providers. */
  host: string | null;
  complete(request: AiRequest): Promise<ProviderAnswer>;
}
