import type { ApiClient } from "../api";

/** A provider and whether this deployment can use it (GET /api/settings). */
export interface ProviderOption {
  provider: string;
  label: string;
  configured: boolean;
  model?: string;
  host: string | null;
  /** What is missing when not configured. */
  missing: string | null;
}

export type SettingSource = "settings" | "env" | "default";

/** GET /api/settings: active providers (host names and models only) and their cost. */
export interface Settings {
  ai: {
    active: { provider: string; label: string; model: string; host: string | null; timeoutMs: number; source: SettingSource; note: string | null };
    options: ProviderOption[];
    cost: {
      free: boolean;
      pricePer1kTokensUsd: number | null;
      usage: { since: string; calls: number; runs: number; inputTokens: number; outputTokens: number } | null;
      tokensPerRun: number | null;
      perRunUsd: number | null;
      note: string;
    };
  };
  email: {
    active: { provider: string; label: string; host: string | null; source: SettingSource; note: string | null };
    options: ProviderOption[];
    cost: { free: boolean; note: string };
    usage: { kept30d: number; delivered30d: number; emailsPerRun: number | null };
  };
}

/** PUT /api/settings/ai. */
export interface AiChoice {
  provider: string;
  model?: string;
  timeoutMs?: number;
  pricePer1kTokens?: number;
}

export interface AiTestResult {
  ok: boolean;
  provider: string;
  model: string;
  latencyMs: number;
  tokens: { input?: number; output?: number } | null;
  answer: string | null;
  code?: string;
  detail: string;
}

export interface EmailTestResult {
  ok: boolean;
  provider: string;
  outboxId: string | null;
  providerMessageId: string | null;
  code?: string;
  detail: string;
}

/** The active providers and their cost (admins). */
export const getSettings = (api: ApiClient) => api.get<Settings>("/api/settings");
/** Choose the AI provider among the configured ones (422 otherwise). */
export const saveAiChoice = (api: ApiClient, choice: AiChoice) => api.put<Settings>("/api/settings/ai", choice);
/** Choose the e-mail provider among the configured ones (422 otherwise). */
export const saveEmailChoice = (api: ApiClient, provider: string) => api.put<Settings>("/api/settings/email", { provider });
/** One real classification through the active AI provider. */
export const testAi = (api: ApiClient) => api.post<AiTestResult>("/api/settings/ai/test");
/** A real test e-mail through the active e-mail provider; also kept in the outbox. */
export const testEmail = (api: ApiClient, to: string) => api.post<EmailTestResult>("/api/settings/email/test", { to });

/** GET /api/settings/holidays: days off besides weekends that onboarding plans skip. */
export const getHolidays = (api: ApiClient) => api.get<{ days: string[] }>("/api/settings/holidays");

/** PUT /api/settings/holidays: the whole list; answers it as saved (each day once, in order). */
export const saveHolidays = (api: ApiClient, days: string[]) => api.put<{ days: string[] }>("/api/settings/holidays", { days });
