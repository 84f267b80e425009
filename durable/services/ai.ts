import { NodeError, type NodeServices } from "../types";
import type { RunEnv } from "../env";
import type { ServiceScope } from "../services";

/** AI completions; the providers (built-in, OpenAI-compatible, Workers AI) come with the AI issue. */
export function createAiService(_env: RunEnv, _scope: ServiceScope): NodeServices["ai"] {
  return {
    async complete() {
      throw new NodeError("No AI provider is available yet.", "ai_provider_unavailable", false);
    },
  };
}
