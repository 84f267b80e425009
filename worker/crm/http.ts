import { CrmError, parseRetryAfter } from "./errors";

export type CrmName = "HubSpot" | "Salesforce" | "Notion";

/** How long one CRM call may take. Webhook enrichment must stay well inside the CRM's own timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface CrmRequest {
  crm: CrmName;
  url: string;
  method?: "GET" | "POST" | "PATCH";
  token?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded (OAuth). */
  form?: URLSearchParams;
  timeoutMs?: number;
  /** Names the record for a 404 message, e.g. "deal 24587310912". */
  what?: string;
}

/** The vendor's own explanation from an error body, trimmed; never more than a sentence or two. */
export function vendorMessage(text: string): string {
  let msg = "";
  try {
    const body = JSON.parse(text);
    const first = Array.isArray(body) ? body[0] : body;
    msg = String(first?.message ?? first?.error_description ?? first?.error ?? "");
  } catch {
    msg = text;
  }
  msg = msg.replace(/\s+/g, " ").trim();
  return msg.length > 240 ? `${msg.slice(0, 237)}…` : msg;
}

/** Turns an HTTP error status into a CrmError worded for an admin reading a run's step log. */
export function statusError(crm: CrmName, status: number, retryAfter: string | null | undefined, detail: string, what?: string): CrmError {
  const because = detail ? `: ${detail}` : "";
  if (status === 401) {
    return new CrmError("auth", `${crm} rejected the connector's credentials (401)${because}. Reconnect the connector on the Connectors page with a fresh token.`, status);
  }
  if (status === 403) return new CrmError("forbidden", `${crm} refused access (403)${because}. Give the connector's token the permissions this needs.`, status);
  if (status === 404) return new CrmError("not_found", `${crm} has no ${what ?? "such record"} (404); it may have been deleted or not shared with the connector.`, status);
  if (status === 429) {
    const ms = parseRetryAfter(retryAfter);
    const when = ms !== undefined ? `after ${Math.ceil(ms / 1000)} s` : "later";
    return new CrmError("rate_limited", `${crm} is limiting how fast we may call it (429); trying again ${when}.`, status, ms);
  }
  if (status >= 500) return new CrmError("unavailable", `${crm} had a problem on its side (${status})${because}; trying again later.`, status, parseRetryAfter(retryAfter));
  return new CrmError("bad_request", `${crm} refused the request (${status})${because}.`, status);
}

/**
 * One JSON call to a CRM. Resolves to the parsed body (null for 204); throws CrmError for HTTP
 * errors, timeouts and unreachable hosts. Never retries: retries belong to the run's backoff or to
 * the CRM's own redelivery, which both outlive this request.
 */
export async function crmFetch<T>(req: CrmRequest): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...(req.headers ?? {}) };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  let body: string | undefined;
  if (req.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = req.form.toString();
  }
  let res: Response;
  try {
    res = await fetch(req.url, { method: req.method ?? (body ? "POST" : "GET"), headers, body, signal: AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
  } catch (e) {
    const name = (e as Error)?.name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new CrmError("network", `${req.crm} did not answer within ${Math.round((req.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s.`);
    }
    throw new CrmError("network", `Could not reach ${req.crm} at ${hostOf(req.url)} (${(e as Error)?.message ?? "network error"}).`);
  }
  const text = await res.text();
  if (!res.ok) throw statusError(req.crm, res.status, res.headers.get("retry-after"), vendorMessage(text), req.what);
  if (!text) return null as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CrmError("unavailable", `${req.crm} answered with something that is not JSON (${res.status}).`, res.status);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Joins a base URL (with or without a trailing slash) and a path. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, "") + path;
}
