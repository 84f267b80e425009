/**
 * The pure workflow engine: `advance(definition, state, event, now)` returns the next state, the
 * effects the run object must carry out, and how to journal the step that just moved. No I/O, no
 * clock, no randomness — so a run can be replayed from its journal and every path tested as JSON.
 *
 * Rules the run object relies on:
 * - The run is at one node at a time (`cursor`). Each `execute` effect is answered by exactly one
 *   `executed` event for that node; anything that does not fit the state is ignored (`ignored` says
 *   why) and never throws, so duplicate deliveries and late timers are harmless.
 * - A node's output is stored at `steps.<nodeId>` before the run moves on; `set` paths are applied
 *   after it. `steps.*` belongs to the engine: a `set` into it fails the step.
 * - A port with no edge ends the run as completed.
 * - Retryable failures wait `backoffMs` on a retry timer while the status stays `running`; when the
 *   node's attempts are spent (see registry `maxAttemptsFor`) the run fails, and `retry` resumes it.
 * - At most `maxSteps` executions per run (and per `retry`), guarding against runaway graphs.
 */
import { outgoing, triggerNode, type Definition, type DefinitionNode } from "./graph";
import { isSafePath, setPath } from "./lib/path";
import { checkOutcome } from "./outcome";
import { getNodeType, maxAttemptsFor, nodeTypes, portsFor, type Registry } from "./registry";
import type { NodeOutcome, RunData, RunStatus, StepError, TaskSpec } from "./types";

/** What a parked run waits for. */
export interface Waiting {
  nodeId: string;
  kind: "timer" | "task" | "retry";
  /** Epoch ms the timer is due (timer and retry). */
  until?: number;
  /** The port a delay continues on. */
  port?: string;
}

/** Everything needed to resume a run; plain JSON. */
export interface EngineState {
  status: RunStatus;
  /** The node being executed or waited on; null before start and after completion/cancel. */
  cursor: string | null;
  data: RunData;
  /** Executions so far (every attempt counts). */
  stepCount: number;
  /** Current attempt number per node (1 = first try). */
  attempts: Record<string, number>;
  waiting: Waiting | null;
  error: null | (StepError & { nodeId: string });
  outcome: null | { status: "completed" | "failed" | "cancelled"; reason?: string };
}

/** Everything that can move a run (see the module doc for when each is accepted). */
export type EngineEvent =
  | { type: "start" }
  | { type: "executed"; nodeId: string; outcome: NodeOutcome }
  | { type: "timer_fired"; nodeId: string }
  | { type: "task_completed"; nodeId: string; port: string; output?: Record<string, unknown>; set?: Record<string, unknown> }
  | { type: "cancel"; reason?: string }
  | { type: "retry" };

/** Work the run object must do after a transition; `finished` also means: clear the run's timers. */
export type Effect =
  | { type: "execute"; nodeId: string; attempt: number }
  | { type: "set_timer"; nodeId: string; kind: "delay" | "retry"; at: number }
  | { type: "open_task"; nodeId: string; task: TaskSpec }
  | { type: "close_tasks"; status: "cancelled" }
  | { type: "finished"; status: "completed" | "failed" | "cancelled"; reason?: string };

/** How to journal the node that just moved. `running` = failed, waiting for a retry at `retryAt`. */
export interface StepRecord {
  nodeId: string;
  status: "completed" | "failed" | "paused" | "running" | "skipped";
  attempt: number;
  port?: string;
  output?: Record<string, unknown>;
  error?: StepError;
  retryAt?: number;
}

/** The outcome of one `advance` call. */
export interface AdvanceResult {
  state: EngineState;
  effects: Effect[];
  step?: StepRecord;
  /** Set when the event did not fit the state and nothing changed. */
  ignored?: string;
}

/** Knobs for tests and callers; defaults suit production. */
export interface AdvanceOptions {
  /** Executions allowed per run (and again after each `retry`). Default 500. */
  maxSteps?: number;
  registry?: Registry;
}

/** Executions a run may take before it fails with `max_steps_exceeded`. */
export const DEFAULT_MAX_STEPS = 500;
const MAX_BACKOFF_MS = 3_600_000;
const MAX_RETRY_AFTER_MS = 86_400_000;

/** The state of a run that has not started. */
export function initialState(data: Partial<RunData> = {}): EngineState {
  return {
    status: "running",
    cursor: null,
    data: { ...data, steps: { ...(data.steps ?? {}) } },
    stepCount: 0,
    attempts: {},
    waiting: null,
    error: null,
    outcome: null,
  };
}

/**
 * Delay before retrying after failed attempt `attempt` (1-based): 1 s, 2 s, 4 s… capped at 1 h.
 * A service's `retryAfterMs` (e.g. from HTTP Retry-After) is a floor, itself capped at 24 h.
 */
export function backoffMs(attempt: number, retryAfterMs?: number): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const exponential = Math.min(1000 * 2 ** Math.min(n - 1, 30), MAX_BACKOFF_MS);
  const floor = typeof retryAfterMs === "number" && Number.isFinite(retryAfterMs) ? Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS) : 0;
  return Math.max(exponential, floor);
}

const TERMINAL = new Set<RunStatus>(["completed", "failed", "cancelled"]);

interface Ctx {
  def: Definition;
  now: number;
  maxSteps: number;
  registry: Registry;
}

function ignore(state: EngineState, reason: string): AdvanceResult {
  return { state, effects: [], ignored: reason };
}

function findNode(ctx: Ctx, nodeId: string): DefinitionNode | undefined {
  return ctx.def.nodes.find((n) => n.id === nodeId);
}

function withStep(data: RunData, nodeId: string, output: Record<string, unknown>): RunData {
  const steps = { ...data.steps };
  Object.defineProperty(steps, nodeId, { value: output, enumerable: true, writable: true, configurable: true });
  return { ...data, steps };
}

/** The first `set` path the engine refuses, or null when all are fine. */
function badSetPath(set: Record<string, unknown> | undefined): string | null {
  for (const key of Object.keys(set ?? {})) {
    if (!isSafePath(key) || key === "steps" || key.startsWith("steps.")) return key;
  }
  return null;
}

function applySet(data: RunData, set: Record<string, unknown> | undefined): RunData {
  let next = data;
  for (const [key, value] of Object.entries(set ?? {})) next = setPath(next, key, value);
  return next;
}

function finish(state: EngineState, status: "completed" | "failed" | "cancelled", reason: string | undefined, extra: Partial<EngineState> = {}): { state: EngineState; effects: Effect[] } {
  return {
    state: { ...state, status, waiting: null, cursor: null, outcome: reason ? { status, reason } : { status }, ...extra },
    effects: [reason ? { type: "finished", status, reason } : { type: "finished", status }],
  };
}

/** Start executing `nodeId`, unless the step budget is spent. */
function execute(ctx: Ctx, state: EngineState, nodeId: string, attempt: number): { state: EngineState; effects: Effect[] } {
  if (state.stepCount >= ctx.maxSteps) {
    const message = `The run stopped after ${ctx.maxSteps} steps`;
    return finish(state, "failed", message, { cursor: nodeId, error: { code: "max_steps_exceeded", message, nodeId } });
  }
  return {
    state: { ...state, status: "running", cursor: nodeId, waiting: null, attempts: { ...state.attempts, [nodeId]: attempt } },
    effects: [{ type: "execute", nodeId, attempt }],
  };
}

/** Leave `nodeId` by `port`: go to the connected node, or complete the run when there is none. */
function follow(ctx: Ctx, state: EngineState, nodeId: string, port: string, step: StepRecord): AdvanceResult {
  const target = outgoing(ctx.def, nodeId, port, ctx.registry);
  const moved = target === null ? finish(state, "completed", undefined) : execute(ctx, { ...state, waiting: null }, target, 1);
  return { ...moved, step };
}

function fail(ctx: Ctx, state: EngineState, nodeId: string, outcome: Extract<NodeOutcome, { kind: "fail" }>, attempt: number): AdvanceResult {
  const node = findNode(ctx, nodeId);
  const max = maxAttemptsFor(getNodeType(node?.type, ctx.registry), node?.config);
  if (outcome.retryable && attempt < max) {
    const at = ctx.now + backoffMs(attempt, outcome.retryAfterMs);
    return {
      state: { ...state, status: "running", waiting: { nodeId, kind: "retry", until: at } },
      effects: [{ type: "set_timer", nodeId, kind: "retry", at }],
      step: { nodeId, status: "running", attempt, error: outcome.error, retryAt: at },
    };
  }
  const error = { message: outcome.error.message, code: outcome.error.code, nodeId };
  const done = finish(state, "failed", outcome.error.message, { cursor: nodeId, error });
  return { ...done, step: { nodeId, status: "failed", attempt, error: outcome.error } };
}

function onExecuted(ctx: Ctx, state: EngineState, nodeId: string, raw: unknown): AdvanceResult {
  if (state.status !== "running") return ignore(state, `the run is ${state.status}`);
  if (state.cursor !== nodeId) return ignore(state, `${nodeId} is not the current node`);
  if (state.waiting) return ignore(state, `${nodeId} is waiting (${state.waiting.kind})`);
  const node = findNode(ctx, nodeId);
  if (!node) return ignore(state, `${nodeId} is not in the definition`);

  const attempt = state.attempts[nodeId] ?? 1;
  const counted: EngineState = { ...state, stepCount: state.stepCount + 1 };
  let outcome = checkOutcome(raw);
  const type = getNodeType(node.type, ctx.registry);

  if (outcome.kind === "wait_timer" && outcome.until <= ctx.now) {
    // A date already past: continue at once instead of a round trip through the alarm.
    outcome = { kind: "next", port: outcome.port ?? "out", output: outcome.output ?? {} };
  }
  if (outcome.kind === "next" || outcome.kind === "wait_timer") {
    const port = outcome.kind === "next" ? outcome.port : (outcome.port ?? "out");
    const ports = type ? portsFor(type, node.config) : null;
    if (ports && !ports.includes(port)) {
      outcome = { kind: "fail", retryable: false, error: { code: "invalid_port", message: `The step chose "${port}", which is not one of its outputs (${ports.join(", ") || "none"})` } };
    }
  }
  if (outcome.kind === "next") {
    const bad = badSetPath(outcome.set);
    if (bad !== null) outcome = { kind: "fail", retryable: false, error: { code: "invalid_output", message: `The step tried to set "${bad}", which is not a writable path` } };
  }

  switch (outcome.kind) {
    case "next": {
      const data = applySet(withStep(counted.data, nodeId, outcome.output), outcome.set);
      return follow(ctx, { ...counted, data }, nodeId, outcome.port, { nodeId, status: "completed", attempt, port: outcome.port, output: outcome.output });
    }
    case "wait_timer": {
      const output = outcome.output ?? {};
      const port = outcome.port ?? "out";
      return {
        state: { ...counted, status: "paused", data: withStep(counted.data, nodeId, output), waiting: { nodeId, kind: "timer", until: outcome.until, port } },
        effects: [{ type: "set_timer", nodeId, kind: "delay", at: outcome.until }],
        step: { nodeId, status: "paused", attempt, output },
      };
    }
    case "wait_task": {
      const output = outcome.output ?? {};
      return {
        state: { ...counted, status: "paused", data: withStep(counted.data, nodeId, output), waiting: { nodeId, kind: "task" } },
        effects: [{ type: "open_task", nodeId, task: outcome.task }],
        step: { nodeId, status: "paused", attempt, output },
      };
    }
    case "end": {
      const output = outcome.output ?? {};
      const done = finish({ ...counted, data: withStep(counted.data, nodeId, output) }, outcome.status, outcome.reason);
      return { ...done, step: { nodeId, status: "completed", attempt, output } };
    }
    case "fail":
      return fail(ctx, counted, nodeId, outcome, attempt);
  }
}

function onTimer(ctx: Ctx, state: EngineState, nodeId: string): AdvanceResult {
  if (TERMINAL.has(state.status)) return ignore(state, `the run is ${state.status}`);
  const waiting = state.waiting;
  if (!waiting || waiting.nodeId !== nodeId) return ignore(state, `no timer is pending for ${nodeId}`);
  if (waiting.kind === "task") return ignore(state, `${nodeId} waits for a person, not a timer`);
  if (waiting.kind === "retry") {
    const next = execute(ctx, { ...state, waiting: null }, nodeId, (state.attempts[nodeId] ?? 1) + 1);
    return next;
  }
  const port = waiting.port ?? "out";
  const output = (state.data.steps[nodeId] as Record<string, unknown> | undefined) ?? {};
  const running: EngineState = { ...state, status: "running", waiting: null };
  return follow(ctx, running, nodeId, port, { nodeId, status: "completed", attempt: state.attempts[nodeId] ?? 1, port, output });
}

function onTaskCompleted(ctx: Ctx, state: EngineState, event: Extract<EngineEvent, { type: "task_completed" }>): AdvanceResult {
  const { nodeId, port } = event;
  if (TERMINAL.has(state.status)) return ignore(state, `the run is ${state.status}`);
  if (state.waiting?.kind !== "task" || state.waiting.nodeId !== nodeId) return ignore(state, `${nodeId} is not waiting for a person`);
  const node = findNode(ctx, nodeId);
  const type = node && getNodeType(node.type, ctx.registry);
  const ports = type && node ? portsFor(type, node.config) : null;
  if (!ports || !ports.includes(port)) return ignore(state, `"${port}" is not an output of ${nodeId}`);
  const bad = badSetPath(event.set);
  if (bad !== null) return ignore(state, `"${bad}" is not a writable path`);

  const before = (state.data.steps[nodeId] as Record<string, unknown> | undefined) ?? {};
  const output = { ...before, ...(event.output ?? {}) };
  const data = applySet(withStep(state.data, nodeId, output), event.set);
  const running: EngineState = { ...state, status: "running", waiting: null, data };
  return follow(ctx, running, nodeId, port, { nodeId, status: "completed", attempt: state.attempts[nodeId] ?? 1, port, output });
}

function onCancel(state: EngineState, reason: string | undefined): AdvanceResult {
  if (TERMINAL.has(state.status)) return ignore(state, `the run is already ${state.status}`);
  const message = reason ?? "Cancelled";
  const done = finish(state, "cancelled", message);
  const step: StepRecord | undefined = state.cursor
    ? { nodeId: state.cursor, status: "skipped", attempt: state.attempts[state.cursor] ?? 1, error: { code: "cancelled", message } }
    : undefined;
  return { state: done.state, effects: [{ type: "close_tasks", status: "cancelled" }, ...done.effects], ...(step ? { step } : {}) };
}

function onRetry(ctx: Ctx, state: EngineState): AdvanceResult {
  if (state.status !== "failed" || !state.error) return ignore(state, "only a run that failed at a step can be retried");
  const nodeId = state.error.nodeId;
  if (!findNode(ctx, nodeId)) return ignore(state, `${nodeId} is not in the definition`);
  const resumed: EngineState = { ...state, error: null, outcome: null, stepCount: 0 };
  return execute(ctx, resumed, nodeId, 1);
}

function onStart(ctx: Ctx, state: EngineState): AdvanceResult {
  if (state.status !== "running" || state.cursor !== null || state.stepCount > 0 || state.outcome) {
    return ignore(state, "the run has already started");
  }
  const trigger = triggerNode(ctx.def, ctx.registry);
  if (!trigger) return finish(state, "failed", "The workflow has no trigger node");
  return execute(ctx, state, trigger.id, 1);
}

/** Move a run one event forward. Pure; never throws (an unexpected fault is reported as ignored). */
export function advance(def: Definition, state: EngineState, event: EngineEvent, now: number, opts: AdvanceOptions = {}): AdvanceResult {
  const ctx: Ctx = { def, now, maxSteps: opts.maxSteps ?? DEFAULT_MAX_STEPS, registry: opts.registry ?? nodeTypes };
  try {
    switch (event?.type) {
      case "start":
        return onStart(ctx, state);
      case "executed":
        return onExecuted(ctx, state, event.nodeId, event.outcome);
      case "timer_fired":
        return onTimer(ctx, state, event.nodeId);
      case "task_completed":
        return onTaskCompleted(ctx, state, event);
      case "cancel":
        return onCancel(state, event.reason);
      case "retry":
        return onRetry(ctx, state);
      default:
        return ignore(state, `unknown event ${JSON.stringify((event as { type?: unknown })?.type ?? null)}`);
    }
  } catch (error) {
    return ignore(state, `engine fault: ${error instanceof Error ? error.message : String(error)}`);
  }
}
