/**
 * Which e-mail provider delivers live e-mails, decided like the AI provider: the admin's saved
 * choice (`settings` row `email_provider`), else the `EMAIL_PROVIDER` var, else the HTTP API when
 * EMAIL_API_URL, EMAIL_API_KEY and EMAIL_FROM are all set, else the outbox alone. The outbox is
 * always written either way (it is the ledger); test runs never go further than the outbox.
 * URL, key and sender come only from env secrets, never from the settings row.
 */
import { z } from "zod";
import type { RunEnv } from "../env";

export const EMAIL_PROVIDER_IDS = ["outbox", "http"] as const;
export type EmailProviderId = (typeof EMAIL_PROVIDER_IDS)[number];

/** The saved admin choice (`settings` row `email_provider`). */
export const EmailChoice = z.object({ provider: z.enum(EMAIL_PROVIDER_IDS) });
export type EmailChoice = z.infer<typeof EmailChoice>;

/** A provider and whether this deployment can use it. */
export interface EmailOption {
  provider: EmailProviderId;
  label: string;
  configured: boolean;
  host: string | null;
  missing: string | null;
}

/** The provider that delivers live e-mails. */
export interface EmailConfig {
  provider: EmailProviderId;
  host: string | null;
  source: "settings" | "env" | "default";
  note: string | null;
}

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/** Outbox and HTTP API, and whether each is usable here. */
export function emailOptions(env: RunEnv): EmailOption[] {
  const host = hostOf(env.EMAIL_API_URL);
  const missing = [!host && "EMAIL_API_URL (a valid URL)", !env.EMAIL_API_KEY && "the EMAIL_API_KEY secret", !env.EMAIL_FROM && "EMAIL_FROM"].filter(Boolean);
  return [
    { provider: "outbox", label: "Outbox only (kept in the app, not delivered)", configured: true, host: null, missing: null },
    { provider: "http", label: "HTTP e-mail API (Resend-style)", configured: missing.length === 0, host, missing: missing.length ? missing.join(", ") : null },
  ];
}

/** Resolve the active provider from the saved choice (or null) and env. */
export function resolveEmailConfig(env: RunEnv, choice: EmailChoice | null): EmailConfig {
  const options = emailOptions(env);
  const usable = (id: string | undefined) => options.find((o) => o.provider === id && o.configured);
  const notes: string[] = [];
  if (choice) {
    const o = usable(choice.provider);
    if (o) return { provider: o.provider, host: o.host, source: "settings", note: null };
    notes.push(`The saved choice "${choice.provider}" is not configured here (${options.find((x) => x.provider === choice.provider)?.missing}).`);
  }
  if (env.EMAIL_PROVIDER) {
    const o = usable(env.EMAIL_PROVIDER);
    if (o) return { provider: o.provider, host: o.host, source: "env", note: notes.join(" ") || null };
    notes.push(`EMAIL_PROVIDER="${env.EMAIL_PROVIDER}" is not a configured provider.`);
  }
  const o = usable("http") ?? options[0];
  return { provider: o.provider, host: o.host, source: "default", note: notes.join(" ") || null };
}
