/**
 * API helpers for the queue and handoff browser tests: they set the scene (a workflow with a human
 * step, a test run paused at it) through the real API, as an admin, so the browser part can start
 * where a person would.
 */
import { baseUrl, seed } from "./browser";

export interface Session {
  cookie: string;
}

/** Signs in through the API and keeps the session cookie. */
export async function apiLogin(email: string, password = "demo-password"): Promise<Session> {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl() },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  return { cookie };
}

/** One API call with the session; throws with the body on any non-2xx. */
export async function api<T>(s: Session, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { cookie: s.cookie, origin: baseUrl(), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Polls `fn` until it returns something truthy (runs pause within a second or two). */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The demo workspace's ids (users, pools, templates) and its HubSpot connector. */
export function demo() {
  const s = seed() as { users: Record<string, string>; webhookSecrets: { kind: string; url: string }[] };
  const hubspot = s.webhookSecrets.find((w) => w.kind === "hubspot")!.url.split("/").pop()!;
  return { users: s.users, hubspotConnectorId: hubspot };
}

type Node = { id: string; type: string; name?: string; config: Record<string, unknown> };

/** A draft workflow: a HubSpot trigger, then `nodes` in a line; `edges` as [source, port, target]. */
export async function createWorkflow(admin: Session, name: string, nodes: Node[], edges: [string, string | undefined, string][]) {
  const all = [{ id: "trigger", type: "trigger.hubspot", config: { connectorId: demo().hubspotConnectorId, stageIds: ["closedwon"] } }, ...nodes];
  const definition = {
    nodes: all.map((n, i) => ({ ...n, position: { x: i * 260, y: 0 } })),
    edges: [{ id: "e0", source: "trigger", target: nodes[0].id }, ...edges.map(([source, sourcePort, target], i) => ({ id: `e${i + 1}`, source, ...(sourcePort ? { sourcePort } : {}), target }))],
  };
  const created = await api<{ id: string } | { workflow: { id: string } }>(admin, "POST", "/api/workflows", { name, definition });
  return "workflow" in created ? created.workflow.id : created.id;
}

/** A draft workflow of one external handoff step with `config`, which ends on its answers or its timeout. */
export function createHandoffWorkflow(admin: Session, name: string, config: Record<string, unknown>) {
  const ends: Node[] = [
    { id: "done", type: "end", config: {} },
    { id: "late", type: "end", config: { outcome: "failed", reason: "No answer" } },
  ];
  return createWorkflow(admin, name, [{ id: "handoff", type: "human.handoff", name: "AE handoff", config }, ...ends], [
    ["handoff", "done", "done"],
    ["handoff", "timeout", "late"],
  ]);
}

/** The path of the handoff link e-mailed to `to` (the outbox keeps test e-mails). */
export async function handoffPath(admin: Session, to: string) {
  const mail = await waitFor("the handoff e-mail", async () => (await api<{ items: { to: string; text: string }[] }>(admin, "GET", "/api/outbox?mode=test")).items.find((m) => m.to === to));
  return mail.text.match(/\/forms\/[A-Za-z0-9_-]+/)?.[0];
}

/** A normalised deal for a test run. */
export function deal(company: string, owner = "jordan.ae@example.com") {
  return {
    name: `${company} - Enterprise`,
    amount: 84000,
    arr: 84000,
    currency: "USD",
    stage: "closedwon",
    closeDate: "2026-11-20",
    company: { name: company, domain: `${company.toLowerCase().replace(/\W+/g, "")}.example.com`, industry: "Software", employees: 250, country: "US", region: "NA-West" },
    primaryContact: { name: "Pat Example", email: "pat@example.com" },
    owner: { name: "Jordan AE", email: owner },
  };
}

export interface QueueItemLite {
  id: string;
  title: string;
  status: string;
  nodeId: string;
  kind: string;
}

/** Starts a test run of the workflow's draft and waits until it pauses at a queue item. */
export async function runUntilTask(admin: Session, workflowId: string, d: unknown): Promise<{ runId: string; item: QueueItemLite }> {
  const { runId } = await api<{ runId: string }>(admin, "POST", `/api/workflows/${workflowId}/test`, { deal: d });
  const item = await waitFor(`a queue item for ${runId}`, async () => (await api<{ items: QueueItemLite[] }>(admin, "GET", `/api/queue?runId=${runId}&mode=test`)).items[0]);
  return { runId, item };
}

export const unique = () => Math.random().toString(36).slice(2, 7);
