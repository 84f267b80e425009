/**
 * The contract between the pure engine, the node modules and the run Durable Object.
 * Everything here is plain JSON so run state can be journaled and replayed (STYLE.md habit 2).
 * Node modules import only zod and this file, so the SPA can import their schemas too.
 */

import type { Holidays } from "./lib/dates";

export type RunMode = "live" | "test";
export type RunStatus = "running" | "paused" | "completed" | "failed" | "cancelled";
export type StepStatus = "running" | "completed" | "failed" | "paused" | "skipped";

/** The normalised CRM record, the same shape whatever the CRM (API.md "Run data"). */
export interface Deal {
  source: "hubspot" | "salesforce" | "notion" | string;
  objectId: string;
  url: string | null;
  name: string | null;
  amount: number | null;
  arr: number | null;
  currency: string | null;
  stage: string | null;
  pipeline?: string | null;
  closeDate: string | null;
  plan?: string | null;
  segment?: string | null;
  company: {
    name: string | null;
    domain: string | null;
    industry: string | null;
    employees: number | null;
    country: string | null;
    region: string | null;
  };
  primaryContact: { name: string | null; email: string | null };
  owner: { name: string | null; email: string | null };
  properties: Record<string, unknown>;
}

/** Run data: one JSON object addressed by dotted paths (`deal.amount`, `steps.n3.label`). */
export type RunData = {
  trigger?: unknown;
  deal?: Deal | null;
  account?: Record<string, unknown> | null;
  csm?: Record<string, unknown> | null;
  steps: Record<string, unknown>;
  [key: string]: unknown;
};

export interface StepError {
  message: string;
  code: string;
}

export interface Assignee {
  userId?: string;
  poolId?: string;
  email?: string;
}

/** A human task a node asks for; the run object turns it into a queue item. */
export interface TaskSpec {
  kind: "approval" | "review" | "form" | "handoff" | "assignment";
  title: string;
  instructions?: string;
  assignee: Assignee;
  fields?: unknown[];
  /** Absolute epoch ms. */
  dueAt?: number | null;
  remindEveryHours?: number;
  escalateAfterHours?: number;
  escalateTo?: Assignee;
  /** Handoff only: who gets the link, and when the link expires (epoch ms). */
  recipient?: string;
  expiresAt?: number | null;
}

/**
 * What a node's `execute` returns. The engine, never the node, turns this into control flow.
 * - next: take `port`; `output` becomes `steps.<nodeId>`; `set` merges top-level or dotted paths
 *   into run data (e.g. `{account: {...}}` or `{"onboarding.tier": "gold"}`).
 * - wait_timer: park until `until` (epoch ms), then take `port` (default "out").
 * - wait_task: park until a person completes the task; the completion names the port.
 * - end: finish the run.
 * - fail: a retryable failure is retried with backoff until attempts are spent.
 */
export type NodeOutcome =
  | { kind: "next"; port: string; output: Record<string, unknown>; set?: Record<string, unknown> }
  | { kind: "wait_timer"; until: number; port?: string; output?: Record<string, unknown> }
  | { kind: "wait_task"; task: TaskSpec; output?: Record<string, unknown> }
  | { kind: "end"; status: "completed" | "failed"; reason?: string; output?: Record<string, unknown> }
  | { kind: "fail"; error: StepError; retryable: boolean; retryAfterMs?: number };

export interface PoolMemberView {
  userId: string;
  name: string;
  email: string;
  weight: number;
  capacity: number | null;
  outOfOffice: boolean;
  active: boolean;
  activeAccounts: number;
}

export interface TemplateView {
  id: string;
  name: string;
  description: string | null;
  milestones: { name: string; offsetDays: number; tasks: { title: string; owner: "csm" | "customer"; offsetDays: number }[] }[];
}

/**
 * Side effects a node may perform, implemented by the run object. Every method is idempotent
 * for the same (runId, nodeId) so that a retried or replayed step never acts twice.
 */
export interface NodeServices {
  runId: string;
  workflowId: string;
  nodeId: string;
  mode: RunMode;
  /** 1 for the first try. */
  attempt: number;
  now: number;
  /** runId + ":" + nodeId: the key outside calls carry. */
  idempotencyKey: string;
  crm: {
    /** Fetch the full record behind the trigger, normalised. Throws NodeError when not possible. */
    fetchDeal(trigger: unknown, connectorId: string | null): Promise<Deal>;
    /** Write back; in test mode records "would update" and sends nothing. */
    update(deal: Deal, properties: Record<string, string>): Promise<{ sent: boolean; detail: string }>;
  };
  accounts: {
    upsert(input: {
      name: string;
      domain: string | null;
      arr: number | null;
      segment: string | null;
      region: string | null;
      primaryContact: { name: string | null; email: string | null };
      source: { connector: string; objectId: string; url: string | null };
    }): Promise<Record<string, unknown> & { id: string }>;
    /** `byHand`: a person chose; routing never replaces such a CSM (see `csmByHand` on the account). */
    setCsm(accountId: string, userId: string, reason: string, opts?: { byHand?: boolean }): Promise<void>;
    /** CSM of an existing (non-test) account on this domain, for sticky routing. */
    csmForDomain(domain: string): Promise<string | null>;
    applyTemplate(accountId: string, template: TemplateView, plan: unknown, startDate: string): Promise<void>;
  };
  pools: {
    get(poolId: string): Promise<{ id: string; name: string; members: PoolMemberView[] } | null>;
    /** Round-robin pointer per pool (untouched in test mode). */
    getPointer(poolId: string): Promise<number>;
    /**
     * Moves the pointer from the value the step read to `to`; false (nothing written) when another
     * run moved it meanwhile: the step reads the pool again and chooses afresh.
     */
    setPointer(poolId: string, from: number, to: number): Promise<boolean>;
  };
  templates: { get(id: string): Promise<TemplateView | null> };
  /** The workspace's holidays, which plans skip like weekends (Settings). */
  calendar: { holidays(): Promise<Holidays> };
  users: { get(id: string): Promise<{ id: string; name: string; email: string; active: boolean } | null> };
  email: {
    /** `id` is the outbox row; `providerMessageId` the provider's id once it accepted the e-mail (null when outbox-only). */
    send(msg: { to: string; cc?: string; subject: string; text: string; html: string }): Promise<{ id: string; provider: string; providerMessageId: string | null }>;
  };
  ai: {
    /**
     * One completion from the configured provider (built-in, OpenAI-compatible or Workers AI).
     * Throws NodeError: retryable for rate limits (with `retryAfterMs`), timeouts and 5xx.
     */
    complete(req: {
      task: "transform" | "classify" | "generate";
      prompt: string;
      input: string;
      fields?: { key: string; type: string; description: string }[];
      /** `examples` are optional sample inputs that belong to the label. */
      labels?: { id: string; description: string; examples?: string[] }[];
      maxWords?: number;
    }): Promise<{
      provider: string;
      model: string;
      output: unknown;
      latencyMs: number;
      tokens?: { input?: number; output?: number };
      /** What was sent to the model, secrets redacted (recorded in the step's output). */
      prompt?: string;
      /** Estimated cost of this call when a price per 1k tokens is configured. */
      costUsd?: number;
      /** Declared fields the provider could not find (the built-in extractor reports them). */
      notFound?: string[];
    }>;
  };
}

/** Thrown by services/nodes; `retryable` decides retry vs fail at once. */
export class NodeError extends Error {
  constructor(
    message: string,
    public code: string,
    public retryable = true,
    public retryAfterMs?: number,
  ) {
    super(message);
    this.name = "NodeError";
  }
}
