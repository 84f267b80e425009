/**
 * What can go wrong talking to a CRM, in words an admin understands. Adapters throw only this;
 * callers decide what it means for them (a run step retries or fails, a webhook asks the CRM to
 * deliver again, "Test connection" shows the message).
 */
export type CrmErrorKind =
  | "auth" // 401: the token is wrong, expired or revoked
  | "forbidden" // 403: the token lacks a scope or permission
  | "not_found" // 404: no such record
  | "rate_limited" // 429: come back after Retry-After
  | "unavailable" // 5xx: the CRM is having trouble
  | "network" // no answer at all (DNS, refused, timeout)
  | "bad_request" // 4xx the CRM blamed on the request (e.g. an unknown field)
  | "config"; // the connector itself is incomplete (no token, bad URL)

export class CrmError extends Error {
  constructor(
    public kind: CrmErrorKind,
    message: string,
    public status?: number,
    public retryAfterMs?: number,
  ) {
    super(message);
    this.name = "CrmError";
  }

  /** Worth trying again later: the same request may well succeed then. */
  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "unavailable" || this.kind === "network";
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
