/**
 * Outside HTTP failures as NodeErrors, one rule for every provider: 429 and 5xx (and timeouts and
 * network errors) are retryable through the engine's backoff, honouring Retry-After; any other 4xx
 * is the request's fault and fails at once. Messages quote the provider's own explanation but
 * never a credential.
 */
import { NodeError } from "../types";

/** The wait a response asks for: `retry-after-ms`, or `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.has("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = headers.get("retry-after");
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The provider's explanation from a JSON or text error body, shortened. */
export async function errorDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  let detail = text;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const e = body.error;
    detail = String((typeof e === "object" && e?.message) || (typeof e === "string" && e) || body.message || text);
  } catch {
    /* not JSON: keep the text */
  }
  detail = detail.replace(/\s+/g, " ").trim();
  return detail.length > 300 ? `${detail.slice(0, 300)}…` : detail;
}

/**
 * A NodeError for a non-2xx response. `what` names the provider in the message ("The AI
 * provider"), `prefix` the codes (`ai_rate_limited`, `email_rejected`…).
 */
export async function failureFromResponse(res: Response, what: string, prefix: string, detail?: string): Promise<NodeError> {
  const why = detail ?? (await errorDetail(res));
  const suffix = why ? `: ${why}` : "";
  if (res.status === 429) {
    const wait = retryAfterMs(res.headers);
    const hint = wait !== undefined ? ` (retry after ${Math.ceil(wait / 1000)} s)` : "";
    return new NodeError(`${what} is rate limiting us${hint}${suffix}`, `${prefix}_rate_limited`, true, wait);
  }
  if (res.status >= 500 || res.status === 408) {
    return new NodeError(`${what} failed with ${res.status}${suffix}`, `${prefix}_unavailable`, true, retryAfterMs(res.headers));
  }
  if (res.status === 401 || res.status === 403) {
    return new NodeError(`${what} refused the credentials (${res.status})${suffix}`, `${prefix}_unauthorized`, false);
  }
  return new NodeError(`${what} rejected the request (${res.status})${suffix}`, `${prefix}_rejected`, false);
}

/** A NodeError for a fetch that threw: a timeout or an unreachable host, both retryable. */
export function failureFromThrow(error: unknown, what: string, prefix: string, timeoutMs: number): NodeError {
  const name = (error as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new NodeError(`${what} did not answer within ${Math.round(timeoutMs / 100) / 10} s`, `${prefix}_timeout`, true);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new NodeError(`${what} could not be reached: ${message}`, `${prefix}_unreachable`, true);
}
