/** Build the provider a resolved configuration names. */
import type { RunEnv } from "../env";
import { createBuiltinProvider } from "./builtin";
import type { AiConfig } from "./config";
import { createOpenAiProvider } from "./openai";
import type { AiProvider } from "./types";
import { createWorkersAiProvider, type AiBinding } from "./workers-ai";

/** The provider for `config`; the API key is read from env here and nowhere else. */
export function createProvider(env: RunEnv, config: AiConfig): AiProvider {
  if (config.provider === "openai" && config.baseUrl && env.OPENAI_API_KEY) {
    return createOpenAiProvider({ baseUrl: config.baseUrl, apiKey: env.OPENAI_API_KEY, model: config.model, timeoutMs: config.timeoutMs });
  }
  if (config.provider === "workers-ai" && env.AI) {
    return createWorkersAiProvider(env.AI as unknown as AiBinding, config.model, config.timeoutMs);
  }
  return createBuiltinProvider();
}
