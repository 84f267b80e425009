/**
 * Which AI provider answers, decided in this order:
 *   1. the admin's choice saved in D1 (`settings` row `ai_provider`: provider, model, timeout,
 *      price) — made on the Settings page;
 *   2. the `AI_PROVIDER` var;
 *   3. automatic: an OpenAI-compatible endpoint when OPENAI_BASE_URL and OPENAI_API_KEY are set,
 *      else Workers AI when the `AI` binding exists (production), else the built-in provider.
 * Endpoints and keys only ever come from the deployment's env (secrets), never from the settings
 * row: an admin can pick among configured providers and models, but cannot send the key to another
 * host. A choice whose provider is not configured falls back to the next rule, and says why.
 */
import { z } from "zod";
import type { RunEnv } from "../env";
import { BUILTIN_MODEL } from "./builtin";
import type { ProviderId } from "./types";
import { DEFAULT_WORKERS_AI_MODEL } from "./workers-ai";

export const PROVIDER_IDS = ["builtin", "openai", "workers-ai"] as const satisfies readonly ProviderId[];
export const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The saved admin choice (`settings` row `ai_provider`). */
export const AiChoice = z.object({
  provider: z.enum(PROVIDER_IDS),
  model: z.string().trim().min(1).max(200).optional(),
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  pricePer1kTokens: z.number().min(0).max(1000).optional(),
});
export type AiChoice = z.infer<typeof AiChoice>;

/** The provider that will answer, with everything needed to build it (the key stays in env). */
export interface AiConfig {
  provider: ProviderId;
  model: string;
  /** Host of the endpoint (OpenAI-compatible only). */
  host: string | null;
  baseUrl: string | null;
  timeoutMs: number;
  /** USD per 1,000 tokens (input and output alike); 0 for the built-in provider; null when unknown. */
  pricePer1kTokens: number | null;
  source: "settings" | "env" | "default";
  /** Why a saved or env choice was not used, when it was not. */
  note: string | null;
}

/** A provider and whether this deployment can use it. */
export interface AiOption {
  provider: ProviderId;
  label: string;
  configured: boolean;
  model: string;
  host: string | null;
  /** What is missing when not configured. */
  missing: string | null;
}

const LABELS: Record<ProviderId, string> = {
  builtin: "Built-in (deterministic)",
  openai: "OpenAI-compatible endpoint",
  "workers-ai": "Cloudflare Workers AI",
};

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

const num = (v: string | undefined) => (v !== undefined && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** The three providers and whether each is usable here. */
export function aiOptions(env: RunEnv): AiOption[] {
  const openaiHost = hostOf(env.OPENAI_BASE_URL);
  return [
    { provider: "builtin", label: LABELS.builtin, configured: true, model: BUILTIN_MODEL, host: null, missing: null },
    {
      provider: "openai",
      label: LABELS.openai,
      configured: Boolean(openaiHost && env.OPENAI_API_KEY),
      model: env.OPENAI_MODEL || DEFAULT_OPENAI_MODEL,
      host: openaiHost,
      missing: !openaiHost ? "OPENAI_BASE_URL (a valid URL)" : !env.OPENAI_API_KEY ? "the OPENAI_API_KEY secret" : null,
    },
    {
      provider: "workers-ai",
      label: LABELS["workers-ai"],
      configured: Boolean(env.AI),
      model: env.WORKERS_AI_MODEL || DEFAULT_WORKERS_AI_MODEL,
      host: null,
      missing: env.AI ? null : "the AI binding (production environment only)",
    },
  ];
}

/** Resolve the active provider from the saved choice (or null) and env. */
export function resolveAiConfig(env: RunEnv, choice: AiChoice | null): AiConfig {
  const options = aiOptions(env);
  const usable = (id: string | undefined) => options.find((o) => o.provider === id && o.configured);
  const notes: string[] = [];
  let picked: { option: AiOption; source: AiConfig["source"] } | null = null;
  if (choice) {
    const o = usable(choice.provider);
    if (o) picked = { option: o, source: "settings" };
    else notes.push(`The saved choice "${choice.provider}" is not configured here (${options.find((x) => x.provider === choice.provider)?.missing}).`);
  }
  if (!picked && env.AI_PROVIDER) {
    const o = usable(env.AI_PROVIDER);
    if (o) picked = { option: o, source: "env" };
    else notes.push(`AI_PROVIDER="${env.AI_PROVIDER}" is not a configured provider.`);
  }
  picked ??= { option: usable("openai") ?? usable("workers-ai") ?? options[0], source: "default" };
  const { option, source } = picked;
  const fromSettings = source === "settings" ? choice : null;
  const envPrice = num(env.AI_PRICE_PER_1K_TOKENS);
  return {
    provider: option.provider,
    model: option.provider === "builtin" ? BUILTIN_MODEL : fromSettings?.model || option.model,
    host: option.host,
    baseUrl: option.provider === "openai" ? (env.OPENAI_BASE_URL ?? null) : null,
    timeoutMs: fromSettings?.timeoutMs ?? num(env.AI_TIMEOUT_MS) ?? DEFAULT_TIMEOUT_MS,
    pricePer1kTokens: option.provider === "builtin" ? 0 : (fromSettings?.pricePer1kTokens ?? envPrice ?? null),
    source,
    note: notes.length ? notes.join(" ") : null,
  };
}

/** The display name of a provider id. */
export const aiLabel = (id: ProviderId) => LABELS[id];
