/**
 * What each kind of connector needs to talk to its CRM (API.md "Connectors and webhooks"), which of
 * those fields are secrets, and how secrets are shown: masked, never in clear.
 */
import { z } from "zod";

export const CONNECTOR_KINDS = ["hubspot", "salesforce", "notion"] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

const secret = z.string().trim().min(1, "Required").max(2000);
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter a full http(s) URL");
/** A Salesforce organisation id: 00D + 12 characters, or the 18-character form. */
const orgId = z
  .string()
  .trim()
  .regex(/^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, "A Salesforce organisation id starts with 00D and has 15 or 18 characters");

export const HubspotCredentials = z.object({
  accessToken: secret.describe("Private app access token (pat-…)"),
  clientSecret: secret.describe("The app's client secret: HubSpot signs webhooks with it"),
  apiBaseUrl: httpUrl.optional(),
});

const SalesforceToken = z.object({
  instanceUrl: httpUrl,
  accessToken: secret,
  organizationId: orgId,
  apiBaseUrl: httpUrl.optional(),
});
const SalesforceOAuth = z.object({
  loginUrl: httpUrl,
  clientId: secret,
  clientSecret: secret,
  refreshToken: secret,
  organizationId: orgId,
  apiBaseUrl: httpUrl.optional(),
});
export const SalesforceCredentials = z.union([SalesforceToken, SalesforceOAuth]);

export const NotionCredentials = z.object({
  token: secret.describe("Internal integration secret (ntn_… or secret_…)"),
  verificationToken: secret.optional().describe("Only if Notion's verification token is already known"),
  apiBaseUrl: httpUrl.optional(),
});

export type HubspotCredentials = z.infer<typeof HubspotCredentials>;
export type SalesforceCredentials = z.infer<typeof SalesforceCredentials>;
export type NotionCredentials = z.infer<typeof NotionCredentials>;
export type Credentials = HubspotCredentials | SalesforceCredentials | NotionCredentials;

export const credentialSchemas = { hubspot: HubspotCredentials, salesforce: SalesforceCredentials, notion: NotionCredentials } as const;

/** Fields that are never returned, only hinted at. Everything else (URLs, org id) is shown as is. */
export const SECRET_FIELDS = new Set(["accessToken", "clientSecret", "refreshToken", "token", "verificationToken"]);

/**
 * A hint that lets an admin recognise a secret without revealing it: `pat-…a1b2` for long ones,
 * `…b2` for short ones, and nothing at all for very short ones (too little left to hide).
 */
export function maskSecret(value: string): string {
  if (value.length >= 20) return `${value.slice(0, 4)}…${value.slice(-4)}`;
  if (value.length >= 10) return `…${value.slice(-2)}`;
  return "…";
}

/** Credentials as the API shows them: secrets masked, the rest in clear. */
export function maskCredentials(creds: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(creds)) {
    if (typeof v !== "string") continue;
    out[k] = SECRET_FIELDS.has(k) ? maskSecret(v) : v;
  }
  return out;
}

/**
 * Credentials after an edit: a PATCH names only what changes (a rotated token), so the secrets the
 * admin cannot see are kept. An empty string removes an optional field.
 */
/** Salesforce signs in one of two ways; naming a field of one way drops the other way's fields. */
const SALESFORCE_METHODS = [
  ["instanceUrl", "accessToken"],
  ["loginUrl", "clientId", "clientSecret", "refreshToken"],
];

export function mergeCredentials(current: Record<string, unknown>, patch: Record<string, unknown>, kind?: ConnectorKind): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  if (kind === "salesforce") {
    // Without this, switching from a token to an OAuth client kept the old token fields, the union
    // matched the token form first and silently dropped the new OAuth fields.
    for (const [i, fields] of SALESFORCE_METHODS.entries()) {
      const other = SALESFORCE_METHODS[1 - i];
      if (fields.some((f) => typeof patch[f] === "string" && patch[f] !== "" && !other.includes(f))) for (const f of other) if (!(f in patch)) delete next[f];
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (v === "" || v === null) delete next[k];
    else if (v !== undefined) next[k] = v;
  }
  return next;
}
