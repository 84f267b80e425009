/** A connector as the API shows it: secrets masked, the webhook URL to paste into the CRM. */
import { maskCredentials, maskSecret } from "./credentials";
import { readSettings } from "./settings";
import type { OpenConnector } from "./connector";

/** Where the CRM must send events: the configured public URL if any, else this request's origin. */
export function webhookUrl(base: string, kind: string, id: string): string {
  return `${base.replace(/\/+$/, "")}/webhooks/${kind}/${id}`;
}

export function connectorView(c: OpenConnector, base: string) {
  const { row } = c;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    mode: row.mode,
    webhookUrl: webhookUrl(base, row.kind, row.id),
    lastEventAt: row.lastEventAt,
    lastError: row.lastError,
    credentials: maskCredentials(c.credentials),
    settings: readSettings(row.settings),
    /** Notion only: whether its verification token has arrived (the token itself has its own endpoint). */
    verification:
      row.kind === "notion"
        ? { received: Boolean(c.verificationToken), tokenHint: c.verificationToken ? maskSecret(c.verificationToken) : null }
        : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type ConnectorView = ReturnType<typeof connectorView>;
