import { render } from "@testing-library/preact";
import type { ComponentChildren } from "preact";
import { LocationProvider } from "preact-iso";
import { App } from "../../web/app";
import { createAppState, type AppState } from "../../web/state/app-state";
import { AppStateContext } from "../../web/state/context";
import type { QueueItem } from "../../web/lib/api-types";

export interface Call {
  method: string;
  path: string;
  body: unknown;
  init: RequestInit;
}

type Handler = (call: Call) => Response | Promise<Response>;

/** A JSON `Response`. */
export const json = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

/** An API error body in the contract's shape. */
export const apiError = (status: number, code: string, message: string, details: unknown[] = [], headers: Record<string, string> = {}) =>
  json(status, { error: { code, message, details } }, headers);

/**
 * A stand-in for the server: `"GET /api/me"` → handler. Unmatched requests answer 404 in the
 * contract's shape. `calls` records every request in order.
 */
export function fakeFetch(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "http://localhost");
    const method = (init.method ?? "GET").toUpperCase();
    const call: Call = { method, path: url.pathname + url.search, body: init.body ? JSON.parse(String(init.body)) : undefined, init };
    calls.push(call);
    const handler = routes[`${method} ${url.pathname}`];
    return handler ? handler(call) : apiError(404, "not_found", `No route for ${method} ${url.pathname}`);
  };
  return Object.assign(fn as typeof fetch, { calls });
}

export const ADMIN = { id: "u_admin", email: "admin@example.com", name: "Ada Admin", role: "admin" as const };
export const CSM = { id: "u_csm1", email: "csm1@example.com", name: "Cole Success", role: "csm" as const };

/** An open approval in the queue as the list API returns it; tests change only what they are about. */
export const queueItem = (extra: Partial<QueueItem> = {}): QueueItem => ({
  id: "qi_1",
  runId: "run_1",
  workflowId: "wf_1",
  workflowName: "Notion approval",
  nodeId: "approve",
  kind: "approval",
  title: "Approve Acme",
  status: "open",
  assigneeId: CSM.id,
  assigneeEmail: null,
  poolId: null,
  claimedBy: null,
  claimedAt: null,
  dueAt: null,
  createdAt: "2026-01-01T00:00:00Z",
  completedAt: null,
  completedBy: null,
  mode: "live",
  subject: { connector: "notion", objectId: "p1", name: "Acme" },
  ...extra,
});

/** Renders the whole SPA at `url` against a fake server. */
export function renderApp(url: string, fetch: typeof globalThis.fetch) {
  history.replaceState(null, "", url);
  const state = createAppState({ fetch });
  const utils = render(<App state={state} />);
  return { ...utils, state };
}

/** Renders one component inside the app's providers (state + router location). */
export function renderWithState(ui: ComponentChildren, fetch: typeof globalThis.fetch, state?: AppState) {
  const s = state ?? createAppState({ fetch });
  const utils = render(
    <AppStateContext.Provider value={s}>
      <LocationProvider>{ui}</LocationProvider>
    </AppStateContext.Provider>,
  );
  return { ...utils, state: s };
}
