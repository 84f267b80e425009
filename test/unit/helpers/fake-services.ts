/**
 * An in-memory NodeServices for unit tests. It stands in for the run object's services (which have
 * their own workerd tests) and records every call so tests can assert what a node asked for.
 */
import { NodeError, type Deal, type NodeServices, type PoolMemberView, type TemplateView } from "../../../durable/types";
import { enterpriseTemplate, sampleDeal, standardTemplate } from "./sample-data";

type AiRequest = Parameters<NodeServices["ai"]["complete"]>[0];

export interface FakeWorld {
  /** What crm.fetchDeal returns; an Error instance is thrown instead. */
  deal: Deal | Error;
  pools: Record<string, { id: string; name: string; members: PoolMemberView[] }>;
  pointers: Record<string, number>;
  templates: Record<string, TemplateView>;
  users: Record<string, { id: string; name: string; email: string; active?: boolean }>;
  /** domain → CSM user id of an existing account. */
  domainCsm: Record<string, string>;
  /** Answers for ai.complete, consumed in order; an Error is thrown. */
  aiAnswers: unknown[];
  /** Thrown by email.send when set. */
  emailError: Error | null;
  /** The workspace's holidays (`YYYY-MM-DD`). */
  holidays: string[];
}

export interface FakeCalls {
  fetchDeal: { trigger: unknown; connectorId: string | null }[];
  crmUpdates: { deal: Deal; properties: Record<string, string> }[];
  upserts: Parameters<NodeServices["accounts"]["upsert"]>[0][];
  setCsm: { accountId: string; userId: string; reason: string }[];
  applied: { accountId: string; template: TemplateView; plan: unknown; startDate: string }[];
  pointerSets: { poolId: string; value: number }[];
  emails: Parameters<NodeServices["email"]["send"]>[0][];
  ai: AiRequest[];
}

export interface Fake {
  services: NodeServices;
  world: FakeWorld;
  calls: FakeCalls;
}

/** 2026-04-01T09:00:00Z — a fixed "now" so due dates are predictable. */
export const NOW = Date.UTC(2026, 3, 1, 9, 0, 0);

export function createFakeServices(world: Partial<FakeWorld> = {}, base: Partial<Pick<NodeServices, "runId" | "nodeId" | "mode" | "attempt" | "now">> = {}): Fake {
  const w: FakeWorld = {
    deal: sampleDeal(),
    pools: {},
    pointers: {},
    templates: { [enterpriseTemplate.id]: enterpriseTemplate, [standardTemplate.id]: standardTemplate },
    users: {},
    domainCsm: {},
    aiAnswers: [],
    emailError: null,
    holidays: [],
    ...world,
  };
  const calls: FakeCalls = { fetchDeal: [], crmUpdates: [], upserts: [], setCsm: [], applied: [], pointerSets: [], emails: [], ai: [] };
  const runId = base.runId ?? "run-1";
  const nodeId = base.nodeId ?? "n1";
  let accountSeq = 0;

  const services: NodeServices = {
    runId,
    workflowId: "wf-1",
    nodeId,
    mode: base.mode ?? "test",
    attempt: base.attempt ?? 1,
    now: base.now ?? NOW,
    idempotencyKey: `${runId}:${nodeId}`,
    crm: {
      async fetchDeal(trigger, connectorId) {
        calls.fetchDeal.push({ trigger, connectorId });
        if (w.deal instanceof Error) throw w.deal;
        return w.deal;
      },
      async update(deal, properties) {
        calls.crmUpdates.push({ deal, properties });
        return { sent: false, detail: "would update (test run)" };
      },
    },
    accounts: {
      async upsert(input) {
        calls.upserts.push(input);
        accountSeq += 1;
        return { id: `acct-${accountSeq}`, ...input };
      },
      async setCsm(accountId, userId, reason) {
        calls.setCsm.push({ accountId, userId, reason });
      },
      async csmForDomain(domain) {
        return w.domainCsm[domain] ?? null;
      },
      async applyTemplate(accountId, template, plan, startDate) {
        calls.applied.push({ accountId, template, plan, startDate });
      },
    },
    pools: {
      async get(poolId) {
        return w.pools[poolId] ?? null;
      },
      async getPointer(poolId) {
        return w.pointers[poolId] ?? 0;
      },
      async setPointer(poolId, from, to) {
        if ((w.pointers[poolId] ?? 0) !== from) return false;
        calls.pointerSets.push({ poolId, value: to });
        w.pointers[poolId] = to;
        return true;
      },
    },
    templates: {
      async get(id) {
        return w.templates[id] ?? null;
      },
    },
    calendar: {
      async holidays() {
        return new Set(w.holidays);
      },
    },
    users: {
      async get(id) {
        const u = w.users[id];
        return u ? { ...u, active: u.active ?? true } : null;
      },
    },
    email: {
      async send(msg) {
        if (w.emailError) throw w.emailError;
        calls.emails.push(msg);
        return { id: `msg-${calls.emails.length}`, provider: "outbox", providerMessageId: null };
      },
    },
    ai: {
      async complete(req) {
        calls.ai.push(req);
        if (w.aiAnswers.length === 0) throw new NodeError("No AI answer queued", "ai_unavailable", true);
        const next = w.aiAnswers.shift();
        if (next instanceof Error) throw next;
        return { provider: "builtin", model: "deterministic-1", output: next, latencyMs: 5, tokens: { input: 10, output: 5 } };
      },
    },
  };
  return { services, world: w, calls };
}
