/**
 * Asking the AI provider for structured answers. Models sometimes answer in the wrong shape, so an
 * answer that fails validation is asked for once more with the validation error appended to the
 * prompt; a second bad answer fails the step without retries (asking again would cost money and
 * almost never help). Provider outages are NodeErrors from the service and retry normally.
 */
import { NodeError, type NodeServices } from "../types";

type AiRequest = Parameters<NodeServices["ai"]["complete"]>[0];

/** Which provider answered, recorded in every AI step's output as `ai`. */
export interface AiMeta {
  provider: string;
  model: string;
  latencyMs: number;
  tokens: { input?: number; output?: number } | null;
  tries: number;
  /** The last prompt sent, secrets redacted (absent when the provider does not report it). */
  prompt?: string;
  /** Estimated cost of all tries, when the provider has a price. */
  costUsd?: number;
  /** Declared fields the provider could not find in the input. */
  notFound?: string[];
}

type Answer = Awaited<ReturnType<NodeServices["ai"]["complete"]>>;

/** Token counts summed over tries; null when no try reported any. */
function addTokens(a: AiMeta["tokens"], b: Answer["tokens"]): AiMeta["tokens"] {
  if (!b) return a;
  const sum = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  const input = sum(a?.input, b.input);
  const output = sum(a?.output, b.output);
  return { ...(input !== undefined ? { input } : {}), ...(output !== undefined ? { output } : {}) };
}

/** Accept an object, or JSON text (optionally inside a ``` fence) as models often send. */
export function parseAnswer(output: unknown): unknown {
  if (typeof output !== "string") return output;
  const text = output.trim().replace(/^```(?:json)?\s*/i, "").replace(/\s*```$/, "");
  try {
    return JSON.parse(text);
  } catch {
    return output;
  }
}

/**
 * Call the provider; `validate` gets the parsed answer (and the raw one) and returns the accepted
 * value or an error message.
 * @throws NodeError `ai_invalid_output` (not retryable) after two bad answers.
 */
export async function completeValidated<T>(
  services: NodeServices,
  request: AiRequest,
  validate: (answer: unknown, raw: unknown) => { ok: true; value: T } | { ok: false; error: string },
): Promise<{ value: T; meta: AiMeta }> {
  let prompt = request.prompt;
  let lastError = "";
  let latencyMs = 0;
  let tokens: AiMeta["tokens"] = null;
  let costUsd: number | undefined;
  for (let tries = 1; tries <= 2; tries++) {
    const answer = await services.ai.complete({ ...request, prompt });
    latencyMs += answer.latencyMs;
    tokens = addTokens(tokens, answer.tokens);
    if (typeof answer.costUsd === "number") costUsd = (costUsd ?? 0) + answer.costUsd;
    const checked = validate(parseAnswer(answer.output), answer.output);
    if (checked.ok) {
      return {
        value: checked.value,
        meta: {
          provider: answer.provider,
          model: answer.model,
          latencyMs,
          tokens,
          tries,
          // Optional details only when reported, so a provider that has none keeps the output small.
          ...(answer.prompt !== undefined ? { prompt: answer.prompt } : {}),
          ...(costUsd !== undefined ? { costUsd: Math.round(costUsd * 1e6) / 1e6 } : {}),
          ...(answer.notFound?.length ? { notFound: answer.notFound } : {}),
        },
      };
    }
    lastError = checked.error;
    prompt = `${request.prompt}\n\nYour previous answer was rejected: ${checked.error}. Answer again with exactly the requested JSON shape and nothing else.`;
  }
  throw new NodeError(`The AI answer did not have the expected shape after 2 tries: ${lastError}`, "ai_invalid_output", false);
}
