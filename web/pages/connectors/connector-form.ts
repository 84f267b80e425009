/**
 * The connector form as data: which credentials each CRM needs (API.md "Connectors and webhooks"),
 * their labels and help, the checks the server makes, and the bodies of `POST` and `PATCH`.
 * Error keys are the API's dotted paths (`credentials.accessToken`), so a server 422 lands on the
 * same field as a client-side check.
 */
import type { Connector, ConnectorInput, ConnectorKind, ConnectorPatch } from "../../lib/api-types";

export type SalesforceAuth = "token" | "oauth";

export interface CredentialField {
  key: string;
  /** The visible label, which is also the control's accessible name. Optional fields say so. */
  label: string;
  hint: string;
  /** Entered once, never shown again (a password input; the API returns only a masked hint). */
  secret?: boolean;
  optional?: boolean;
  format?: "url" | "orgId";
  placeholder?: string;
  /** Tucked under "Advanced" (another API host, for test servers). */
  advanced?: boolean;
}

export const KIND_LABELS: Record<ConnectorKind, string> = { hubspot: "HubSpot", salesforce: "Salesforce", notion: "Notion" };
export const KINDS: readonly ConnectorKind[] = ["hubspot", "salesforce", "notion"];

/** One line under each CRM choice. */
export const KIND_BLURBS: Record<ConnectorKind, string> = {
  hubspot: "Deals from a private or public app, with signed webhooks.",
  salesforce: "Opportunities from an Outbound Message sent by a Flow.",
  notion: "Pages of a deals database, from an integration webhook.",
};

/** `otherwise`: what the connector calls when the field is empty. */
const apiBaseUrl = (otherwise: string): CredentialField => ({
  key: "apiBaseUrl",
  label: "API base URL (optional)",
  hint: `Only to point the connector at another API host, such as a test server. Leave empty to use ${otherwise}.`,
  optional: true,
  format: "url",
  advanced: true,
});

const ORG_ID: CredentialField = {
  key: "organizationId",
  label: "Organization ID",
  hint: "Setup → Company Information → Salesforce.com Organization ID (starts with 00D). Messages from any other org are refused.",
  format: "orgId",
  placeholder: "00D5g00000KxRtU",
};

const FIELDS = {
  hubspot: [
    {
      key: "accessToken",
      label: "Access token",
      hint: "From your HubSpot app: a private app's access token (pat-…) or a public app's OAuth token. It needs read access to deals, companies, contacts and owners, and write access to deals for “Update CRM” steps.",
      secret: true,
      placeholder: "pat-na1-…",
    },
    {
      key: "clientSecret",
      label: "Client secret",
      hint: "The app's client secret (on its Auth tab). HubSpot signs every webhook with it, so events are checked before anything starts.",
      secret: true,
    },
    apiBaseUrl("HubSpot's API (https://api.hubapi.com)"),
  ],
  salesforceToken: [
    {
      key: "instanceUrl",
      label: "Instance URL",
      hint: "Your org's My Domain address.",
      format: "url",
      placeholder: "https://yourcompany.my.salesforce.com",
    },
    {
      key: "accessToken",
      label: "Access token",
      hint: "An access token of an integration user who can read Opportunities, Accounts, Contacts and Users (and edit Opportunities for “Update CRM” steps).",
      secret: true,
    },
    ORG_ID,
    apiBaseUrl("the instance URL"),
  ],
  salesforceOAuth: [
    {
      key: "loginUrl",
      label: "Login URL",
      hint: "https://login.salesforce.com for production, https://test.salesforce.com for a sandbox, or your My Domain address.",
      format: "url",
      placeholder: "https://login.salesforce.com",
    },
    {
      key: "clientId",
      label: "Client ID (consumer key)",
      hint: "From your connected app: Setup → App Manager → the app → View → Manage Consumer Details.",
      secret: true,
    },
    { key: "clientSecret", label: "Client secret (consumer secret)", hint: "Shown next to the consumer key.", secret: true },
    {
      key: "refreshToken",
      label: "Refresh token",
      hint: "Issued when the integration user authorised the connected app with the refresh_token scope; the connector trades it for fresh access tokens.",
      secret: true,
    },
    ORG_ID,
    apiBaseUrl("the login URL and the instance Salesforce names"),
  ],
  notion: [
    {
      key: "token",
      label: "Integration secret",
      hint: "notion.so/profile/integrations → your internal integration → Configuration (ntn_… or secret_…). Share the deals database with the integration (••• → Connections).",
      secret: true,
      placeholder: "ntn_…",
    },
    {
      key: "verificationToken",
      label: "Verification token (optional)",
      hint: "Usually left empty: Notion sends it to the webhook URL when you create the subscription, and the connector's page shows it. Fill it in only if you already have it.",
      secret: true,
      optional: true,
    },
    apiBaseUrl("Notion's API (https://api.notion.com)"),
  ],
} satisfies Record<string, CredentialField[]>;

/** The credential fields of a CRM (Salesforce: of the chosen sign-in method), in form order. */
export function fieldsFor(kind: ConnectorKind, sfAuth: SalesforceAuth = "token"): readonly CredentialField[] {
  if (kind === "salesforce") return sfAuth === "oauth" ? FIELDS.salesforceOAuth : FIELDS.salesforceToken;
  return FIELDS[kind];
}

/** Which Salesforce sign-in method stored credentials use. */
export const salesforceAuthOf = (credentials: Record<string, string>): SalesforceAuth => ("loginUrl" in credentials || "refreshToken" in credentials ? "oauth" : "token");

export interface ConnectorDraft {
  kind: ConnectorKind;
  name: string;
  sfAuth: SalesforceAuth;
  /** Credential values by key, for every field the form has shown (only the current kind's are sent). */
  values: Record<string, string>;
}

/** `name` and `credentials.<key>` (the API's paths), plus `form` for the whole form. */
export type ConnectorErrors = Record<string, string | undefined>;

export const emptyDraft = (kind: ConnectorKind = "hubspot"): ConnectorDraft => ({ kind, name: KIND_LABELS[kind], sfAuth: "token", values: {} });

/** The edit form of a connector: URLs and ids filled in, secrets empty (empty keeps the stored one). */
export function draftFromConnector(c: Connector): ConnectorDraft {
  const sfAuth = c.kind === "salesforce" ? salesforceAuthOf(c.credentials) : "token";
  const values: Record<string, string> = {};
  for (const f of fieldsFor(c.kind, sfAuth)) if (!f.secret) values[f.key] = c.credentials[f.key] ?? "";
  return { kind: c.kind, name: c.name, sfAuth, values };
}

const ORG_ID_RE = /^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/;

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

/**
 * The server's checks, client-side. Editing (`current` given), an empty secret keeps the stored
 * one, so it is required only when the connector has none (e.g. after switching sign-in method).
 */
export function validateDraft(d: ConnectorDraft, current?: Connector): ConnectorErrors {
  const errors: ConnectorErrors = {};
  const name = d.name.trim();
  if (!name) errors.name = "Give the connector a name";
  else if (name.length > 120) errors.name = "At most 120 characters";
  for (const f of fieldsFor(d.kind, d.sfAuth)) {
    const v = (d.values[f.key] ?? "").trim();
    const path = `credentials.${f.key}`;
    if (!v) {
      const kept = current && f.secret && current.credentials[f.key] !== undefined;
      if (!f.optional && !kept) errors[path] = f.secret ? `Enter the ${f.label.toLowerCase()}` : "Required";
      continue;
    }
    if (f.format === "url" && !isHttpUrl(v)) errors[path] = "Enter a full http(s) URL, e.g. https://…";
    else if (f.format === "orgId" && !ORG_ID_RE.test(v)) errors[path] = "A Salesforce organization ID starts with 00D and has 15 or 18 characters";
    else if (v.length > 2000) errors[path] = "Too long";
  }
  return errors;
}

/** The body of `POST /api/connectors`: the current kind's fields, trimmed, empty optional ones left out. */
export function toCreateBody(d: ConnectorDraft): ConnectorInput {
  const credentials: Record<string, string> = {};
  for (const f of fieldsFor(d.kind, d.sfAuth)) {
    const v = (d.values[f.key] ?? "").trim();
    if (v) credentials[f.key] = v;
  }
  return { kind: d.kind, name: d.name.trim(), credentials } as ConnectorInput;
}

/**
 * The body of `PATCH /api/connectors/:id`, or `null` when nothing changed: the new name, new
 * secrets (empty ones are kept), changed URLs and ids (a cleared optional one is sent as `""`,
 * which removes it), and — when the Salesforce sign-in method changed — `""` for the old
 * method's fields, so the stored credentials are of one method only.
 */
export function toPatch(d: ConnectorDraft, c: Connector): ConnectorPatch | null {
  const patch: ConnectorPatch = {};
  const name = d.name.trim();
  if (name !== c.name) patch.name = name;
  const credentials: Record<string, string> = {};
  const fields = fieldsFor(d.kind, d.sfAuth);
  for (const f of fields) {
    const v = (d.values[f.key] ?? "").trim();
    if (f.secret) {
      if (v) credentials[f.key] = v;
    } else if (v !== (c.credentials[f.key] ?? "")) {
      credentials[f.key] = v;
    }
  }
  if (d.kind === "salesforce" && d.sfAuth !== salesforceAuthOf(c.credentials)) {
    const keep = new Set(fields.map((f) => f.key));
    for (const key of Object.keys(c.credentials)) if (!keep.has(key)) credentials[key] = "";
  }
  if (Object.keys(credentials).length) patch.credentials = credentials;
  return Object.keys(patch).length ? patch : null;
}
