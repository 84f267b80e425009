/**
 * The SPA's HTTP client for the JSON API (API.md "Conventions").
 *
 * - Relative URLs only: the server rejects state-changing requests from other origins.
 * - Every failure becomes an `ApiError` carrying the contract's `{error: {code, message, details}}`.
 * - A `401` on an authenticated call tells the app the session is gone (it then routes to
 *   `/login?next=…`); login itself opts out with `{ auth: false }`.
 */

/** One entry of `error.details`; validation errors carry a dotted `path`. */
export interface ApiErrorDetail {
  path?: string;
  nodeId?: string;
  message: string;
  [key: string]: unknown;
}

/** A failed API call, shaped after the contract's error body. `status` is 0 when the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  /** From `Retry-After` or a `retryAfter…` detail on `429`s, when the server says. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ApiErrorDetail[] = [],
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/**
 * Maps validation `details` onto form fields: `{"members.0.weight": "Must be ≥ 1"}`.
 * `prefix` strips a leading segment (e.g. `"body."`) some validators add. The first message per path wins.
 */
export function fieldErrors(details: readonly ApiErrorDetail[], prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) {
    if (typeof d.path !== "string" || !d.message) continue;
    const path = prefix && d.path.startsWith(prefix) ? d.path.slice(prefix.length) : d.path;
    if (!(path in out)) out[path] = d.message;
  }
  return out;
}

/** A readable sentence for any thrown value, for toasts and banners. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return "Something went wrong. Please try again.";
}

const GENERIC_MESSAGES: Record<number, string> = {
  400: "The request was not understood.",
  401: "Your session has ended. Please sign in again.",
  403: "You don't have permission to do that.",
  404: "That item no longer exists.",
  409: "That change conflicts with the current state. Refresh and try again.",
  422: "Some fields are not valid.",
  429: "Too many requests. Please wait a moment.",
};

function retryAfterFrom(res: Response, details: ApiErrorDetail[]): number | null {
  const header = res.headers.get("Retry-After");
  if (header) {
    const secs = Number(header);
    if (Number.isFinite(secs) && secs >= 0) return secs;
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, Math.round((at - Date.now()) / 1000));
  }
  for (const d of details) {
    const v = d.retryAfterSeconds ?? d.retryAfter;
    if (typeof v === "number" && v >= 0) return v;
  }
  return null;
}

/** Builds an `ApiError` from a non-2xx response, tolerating bodies that are not the contract's shape. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status.
  }
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const details = Array.isArray(err?.details)
    ? (err.details.filter((d) => d && typeof d === "object") as ApiErrorDetail[])
    : [];
  const code = typeof err?.code === "string" ? err.code : `http_${res.status}`;
  const message =
    typeof err?.message === "string" && err.message
      ? err.message
      : GENERIC_MESSAGES[res.status] ?? `The server answered ${res.status}. Please try again.`;
  return new ApiError(res.status, code, message, details, res.status === 429 ? retryAfterFrom(res, details) : null);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  /** `false` for calls that may legitimately answer 401 without ending the session (login). */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface ApiClient {
  get<T>(path: string, opts?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  patch<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T>;
  delete<T = void>(path: string, opts?: RequestOptions): Promise<T>;
}

export interface ApiClientOptions {
  /** Injected in tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Called once per authenticated call that answers 401 (the session expired or was revoked). */
  onUnauthorized?: () => void;
}

/** Appends a query string, skipping empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(method: string, path: string, body: unknown, opts: RequestOptions = {}): Promise<T> {
    if (!path.startsWith("/")) throw new Error(`API paths must be relative to the app origin: ${path}`);
    const headers: Record<string, string> = { Accept: "application/json" };
    const init: RequestInit = { method, headers, credentials: "same-origin", signal: opts.signal };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }

    let res: Response;
    try {
      res = await doFetch(withQuery(path, opts.query), init);
    } catch (e) {
      if ((e as Error)?.name === "AbortError") throw e;
      throw new ApiError(0, "network_error", "Can't reach the server. Check your connection and try again.");
    }

    if (!res.ok) {
      const error = await toApiError(res);
      if (res.status === 401 && opts.auth !== false) options.onUnauthorized?.();
      throw error;
    }
    if (res.status === 204 || res.headers.get("Content-Length") === "0") return undefined as T;
    const text = await res.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(res.status, "invalid_response", "The server sent a response the app could not read.");
    }
  }

  return {
    get: (path, opts) => request("GET", path, undefined, opts),
    post: (path, body, opts) => request("POST", path, body, opts),
    put: (path, body, opts) => request("PUT", path, body, opts),
    patch: (path, body, opts) => request("PATCH", path, body, opts),
    delete: (path, opts) => request("DELETE", path, undefined, opts),
  };
}

/** A page of a list endpoint (API.md: `{items, nextCursor}`). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Follows `nextCursor` until the list ends. For small admin lists (users, pools) that the UI
 * shows whole; `maxPages` guards against a server that never stops paging.
 */
export async function listAll<T>(api: ApiClient, path: string, query: Query = {}, maxPages = 50): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await api.get<Page<T>>(path, { query: { ...query, limit: 200, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}
