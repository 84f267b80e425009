import { DurableObject } from "cloudflare:workers";
import { advance, initialState, type EngineEvent, type EngineState } from "./engine";
import type { Definition } from "./graph";
import { completeTask as checkCompletion, executeNode, stepInput } from "./execute";
import type { TaskCompletion } from "./nodes/define";
import { HOUR_MS, handBackTarget, notifyAddresses, queueRow, resolveAssignee, taskContext, taskId, taskOutcome, usersByIds, type TaskOutcome, type TaskRecord } from "./tasks";
import { createFormLink } from "./handoff";
import { createEmailService } from "./services/email";
import { escapeHtml } from "./lib/template";
import { readableUtc } from "./lib/dates";
import { RunStore } from "./state";
import { runSummary, stepName, type RunMeta } from "./summary";
import { flushOutbox, type RunSummary } from "./mirror";
import { createServices } from "./services";
import { ReadAhead, readsAhead } from "./services/read-ahead";
import type { Deal, NodeOutcome, RunMode, TaskSpec } from "./types";
import type { RunEnv } from "./env";
import type { OpenConnector } from "../worker/crm/connector";
import { backoffMs } from "./engine";

/** What a caller hands the run object to start a run. */
export interface StartInput {
  runId: string;
  workflowId: string;
  workflowName: string;
  /** null for a test run of the draft. */
  version: number | null;
  mode: RunMode;
  definition: Definition;
  trigger?: unknown;
  deal?: Deal | null;
  subject: { connector: string | null; objectId: string | null; name: string | null };
  /** When the run started, if the caller already wrote its first index row (it carries this time). */
  startedAt?: number;
}

type Meta = RunMeta;

interface Pending {
  nodeId: string;
  attempt: number;
  seq: number;
}

/** How to start a run, besides its input. */
export interface StartOptions {
  /** The caller writes the run's first D1 index row itself (returned as `summary`). */
  indexByCaller?: boolean;
  /**
   * The connector the caller just opened and confirmed unchanged (the webhook's claim checks its
   * row), so the run's first CRM read needs no D1 read and decryption of its own.
   */
  connector?: OpenConnector;
}

/** A handed-over connector is used only this soon after the start (the kick alarm fires at once). */
const HANDOFF_MS = 10_000;

type DefNode = Definition["nodes"][number];

/** If the object dies mid-step, this timer brings it back to finish the step. */
const RESUME_AFTER_MS = 30_000;
/** A long stretch of automatic steps still reaches the D1 index (lists, counts) this often. */
const MIRROR_EVERY_MS = 2_000;

/**
 * One run: holds its pinned definition, data, step journal and timers, drives the graph through
 * the pure engine, and mirrors a summary into D1. Rules (durable/ARCHITECTURE.md): a step's result
 * is journaled in the same transaction as the state that follows from it; a journaled step never
 * runs again; every deadline is a timer row and the one alarm is always the earliest of them.
 */
export class RunObject extends DurableObject<RunEnv> {
  private store: RunStore;
  private meta: Meta | null;
  private def: Definition | null;
  private state: EngineState | null;
  /** The node attempt in progress (mirrors the stored "pending" row, read once at construction). */
  private pending: Pending | null;
  /** The connector the webhook receiver opened, handed over in memory only (never stored). */
  private handoff: { connector: OpenConnector; until: number } | null = null;
  /** Entry points run one at a time: a node awaiting I/O must not interleave with another event. */
  private chain: Promise<unknown> = Promise.resolve();
  /** When the outbox was last sent to D1 (in memory: a fresh instance settles before anything else). */
  private mirroredAt = Date.now();
  /**
   * The run changed since its index row was last queued. In memory and true at first, so a fresh
   * instance (after a crash, say) queues the row once more from its stored state.
   */
  private dirty = true;
  /** A `resume` timer and the alarm cover the stretch of steps in progress (see `guard`). */
  private guarded = false;

  constructor(ctx: DurableObjectState, env: RunEnv) {
    super(ctx, env);
    this.store = new RunStore(ctx.storage.sql);
    this.meta = this.store.get<Meta>("meta");
    this.def = this.store.get<Definition>("def");
    this.state = this.store.get<EngineState>("state");
    this.pending = this.store.get<Pending>("pending");
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Starts the run unless this object already holds one (a duplicate start creates nothing).
   * The start itself makes no D1 round trip: the run's index row waits in the outbox for the
   * settle of its first alarm (the kick, due at once), so a run that finishes in that alarm writes
   * its index once. With `indexByCaller` the caller also writes that first row (returned as
   * `summary`) in a batch it makes anyway, so a webhook's run is listed before it has begun.
   */
  start(input: StartInput, opts: StartOptions = {}): Promise<{ runId: string; created: boolean; summary?: RunSummary }> {
    return this.serial(async () => {
      const started = await this.doStart(input, opts.indexByCaller === true);
      if (started.created && opts.connector) this.handoff = { connector: opts.connector, until: Date.now() + HANDOFF_MS };
      return started;
    });
  }

  /** D1 writes a step leaves to the outbox: sent with the run's index row when it settles. */
  private later = (key: string, kind: string, payload: unknown) => this.store.enqueue(key, kind, payload);

  /** The caller's open connector, for this run's first CRM read only (then it is dropped). */
  private takeConnector = (id: string): OpenConnector | null => {
    const h = this.handoff;
    this.handoff = null;
    return h && h.connector.row.id === id && Date.now() < h.until ? h.connector : null;
  };

  private async doStart(input: StartInput, indexByCaller: boolean): Promise<{ runId: string; created: boolean; summary?: RunSummary }> {
    if (this.meta) return { runId: this.meta.runId, created: false };
    const now = Date.now();
    const { definition, trigger, deal, startedAt = now, ...rest } = input;
    this.ctx.storage.transactionSync(() => {
      this.meta = { ...rest, startedAt, endedAt: null, seq: 0 };
      this.def = definition;
      this.state = initialState({ trigger: trigger ?? null, deal: deal ?? null, steps: {} });
      this.store.put("meta", this.meta);
      this.store.put("def", this.def);
      this.store.put("state", this.state);
      // The graph runs in the alarm, not in the caller's request: webhooks answer fast.
      this.store.addTimer({ id: "kick", nodeId: "", kind: "kick", at: now, payload: null });
      this.summarise();
    });
    this.mirroredAt = now;
    await this.settle({ mirror: false });
    return { runId: input.runId, created: true, ...(indexByCaller ? { summary: this.summary() } : {}) };
  }

  /** Cancel, retry-from-failed and task completion all feed one engine event. */
  cancel(): Promise<{ status: string; ignored?: string }> {
    return this.event({ type: "cancel" });
  }

  retry(): Promise<{ status: string; ignored?: string }> {
    return this.event({ type: "retry" });
  }

  /**
   * A person's answer for the task of a waiting human node: checked against the node (422-style
   * errors, nothing changes), then the run resumes down the port the answer names.
   */
  submitTask(nodeId: string, input: TaskCompletion): Promise<{ ok: boolean; status?: string; errors?: { path: string; message: string }[]; conflict?: string }> {
    return this.serial(async () => {
      this.requireRun();
      const task = this.tasks()[nodeId];
      if (!task || (task.status !== "open" && task.status !== "opening")) return { ok: false, conflict: `This task is ${task?.status ?? "not open"}.` };
      const node = this.def!.nodes.find((n) => n.id === nodeId);
      if (node?.type === "human.assign_csm") {
        const chosen = (input.data as { userId?: unknown } | undefined)?.userId;
        const [csm] = typeof chosen === "string" ? await usersByIds(this.env, [chosen]) : [];
        if (!csm) return { ok: false, errors: [{ path: "userId", message: "Choose an active user as the CSM." }] };
        input = { ...input, csm: { id: csm.id, name: csm.name, email: csm.email } };
      }
      const now = Date.now();
      const result = checkCompletion(this.def!, nodeId, this.state!.data, input, now);
      if (!result.ok) return { ok: false, errors: result.errors };
      if (node?.type === "human.assign_csm" && input.csm) {
        const account = this.state!.data.account as { id?: string } | null;
        if (account?.id) {
          const services = createServices(this.env, { runId: this.meta!.runId, workflowId: this.meta!.workflowId, nodeId, mode: this.meta!.mode, attempt: 1, now, later: this.later });
          await services.accounts.setCsm(account.id, input.csm.id, `Chosen by hand${input.by?.name ? ` by ${input.by.name}` : ""}.`, { byHand: true });
        }
      }
      const outcome = taskOutcome(task, result.port, input);
      this.ctx.storage.transactionSync(() => this.finishTask(nodeId, "completed", now, input.by?.id ?? input.by?.email ?? null, outcome));
      await this.process({ type: "task_completed", nodeId, port: result.port, output: result.output, set: result.set });
      await this.settle();
      return { ok: true, status: this.state!.status };
    });
  }

  /** An admin hands the item to another user: the claim is cleared and the new assignee owns it. */
  reassignTask(nodeId: string, userId: string): Promise<{ ok: boolean; conflict?: string }> {
    return this.serial(async () => {
      this.requireRun();
      const t = this.tasks()[nodeId];
      if (!t || t.status !== "open") return { ok: false, conflict: `This task is ${t?.status ?? "not open"}.` };
      const [u] = await usersByIds(this.env, [userId]);
      if (!u) return { ok: false, conflict: "No such active user." };
      this.ctx.storage.transactionSync(() => this.saveTask({ ...t, assigneeId: u.id, poolId: null, assigneeEmail: null, routing: `Reassigned to ${u.name} by an admin.`, resetClaim: true }));
      await this.mail(`${nodeId}:assigned:${u.id}`, u.email, `Assigned to you: ${t.title}`, `“${t.title}” has been assigned to you in the queue.`, null);
      await this.settle();
      return { ok: true };
    });
  }

  /**
   * Its assignee was deactivated: the item goes back to the pool it came from, or to nobody (an
   * admin assigns it), and any claim is cleared. Only while it is still theirs, so a repeat, or an
   * admin's reassignment meanwhile, is left alone.
   */
  handBackTask(nodeId: string, userId: string, name: string): Promise<{ ok: boolean; to?: "pool" | "unassigned"; conflict?: string }> {
    return this.serial(async () => {
      this.requireRun();
      const t = this.tasks()[nodeId];
      if (!t || t.status !== "open" || t.assigneeId !== userId) return { ok: false, conflict: "This task is no longer theirs." };
      const node = this.def!.nodes.find((n) => n.id === nodeId);
      const target = await handBackTarget(this.env, t, (node?.config as { poolId?: string } | undefined)?.poolId ?? null, name);
      this.ctx.storage.transactionSync(() => this.saveTask({ ...t, ...target, resetClaim: true }));
      await this.settle();
      return { ok: true, to: target.poolId ? "pool" : "unassigned" };
    });
  }

  private event(ev: EngineEvent): Promise<{ status: string; ignored?: string }> {
    return this.serial(async () => {
      this.requireRun();
      const ignored = await this.process(ev);
      await this.settle();
      return { status: this.state!.status, ...(ignored ? { ignored } : {}) };
    });
  }

  /**
   * Live updates: the Worker forwards an authorised WebSocket upgrade here. Sockets use the
   * hibernation API, so a paused run holding watchers costs nothing while it waits.
   */
  async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") return new Response("Expected a WebSocket upgrade", { status: 426 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    const view = await this.snapshot();
    if (view) pair[1].send(JSON.stringify({ type: "run", run: view }));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    // The only message a client sends is a ping to keep intermediaries from closing the socket.
    if (message === "ping") ws.send(JSON.stringify({ type: "pong" }));
  }

  webSocketClose(ws: WebSocket, code: number) {
    try {
      ws.close(code, "closing");
    } catch {
      /* already closed */
    }
  }

  /** Pushes the current run to every watcher (after each batch of changes). */
  private broadcast() {
    const sockets = this.ctx.getWebSockets();
    if (sockets.length === 0) return;
    const msg = JSON.stringify({ type: "run", run: this.view() });
    for (const ws of sockets) {
      try {
        ws.send(msg);
      } catch {
        /* a closing socket; the runtime drops it */
      }
    }
  }

  /** Resolves once every event queued so far has been handled (tests and tools wait on it). */
  idle(): Promise<void> {
    return this.serial(async () => undefined);
  }

  /**
   * The run as the API shows it: header, data, the step journal, timers and tasks. It waits for
   * the event in progress, so a reader never sees a half-finished step.
   */
  snapshot() {
    return this.serial(async () => this.view());
  }

  private view() {
    if (!this.meta || !this.state) return null;
    return {
      ...this.summary(),
      data: this.state.data,
      definition: this.def,
      waiting: this.state.waiting,
      outcome: this.state.outcome,
      steps: this.store.steps().map((s) => ({
        nodeId: s.nodeId,
        nodeType: s.nodeType,
        status: s.status,
        port: s.port ?? undefined,
        attempts: s.attempts,
        startedAt: new Date(s.startedAt).toISOString(),
        endedAt: s.endedAt ? new Date(s.endedAt).toISOString() : undefined,
        durationMs: s.endedAt ? s.endedAt - s.startedAt : undefined,
        input: s.input,
        output: s.output ?? undefined,
        error: s.error ?? undefined,
      })),
      timers: this.store.timers().map((t) => ({ kind: t.kind, nodeId: t.nodeId, at: new Date(t.at).toISOString() })),
      tasks: Object.values(this.tasks()).map((t) => ({ id: t.id, nodeId: t.nodeId, kind: t.kind, title: t.title, status: t.status === "opening" ? "open" : t.status, assigneeId: t.assigneeId, poolId: t.poolId, dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : null, createdAt: new Date(t.createdAt).toISOString(), completedAt: t.completedAt ? new Date(t.completedAt).toISOString() : null, completedBy: t.completedBy, reminders: t.reminders, escalated: t.escalated, routing: t.routing })),
    };
  }

  alarm(): Promise<void> {
    return this.serial(() => this.onAlarm());
  }

  private async onAlarm() {
    if (!this.meta) return;
    // The alarm is always set to the earliest timer, so when it fires that timer is due even if
    // the clock reads a hair earlier (or a test fired the alarm on purpose).
    const now = Math.max(Date.now(), this.store.nextTimerAt() ?? 0);
    for (const t of this.store.dueTimers(now)) {
      this.store.removeTimer(t.id);
      if (t.kind === "kick") await this.process({ type: "start" });
      else if (t.kind === "delay" || t.kind === "retry") await this.process({ type: "timer_fired", nodeId: t.nodeId });
      else if (t.kind === "sla_due") await this.timeoutTask(t.nodeId, t.at);
      else if (t.kind === "sla_remind") await this.remind(t.nodeId, t.at);
      else if (t.kind === "sla_escalate") await this.escalate(t.nodeId, t.at);
      // "resume" and "mirror" need nothing here: pending work and the outbox are handled below.
    }
    await this.settle();
  }

  private requireRun() {
    if (!this.meta || !this.state || !this.def) throw new Error("run_not_found");
  }

  /**
   * Feeds one event to the engine and keeps going while it asks for node executions. Returns a
   * reason when the engine ignored the event (e.g. a completion for a node that is not waiting).
   */
  private async process(event: EngineEvent, ahead: ReadAhead | null = null): Promise<string | undefined> {
    let ev: EngineEvent | null = event;
    let first = true;
    /** What this stretch's steps will read, fetched with its first D1 batch (services/read-ahead.ts). */
    let reads = ahead;
    while (ev) {
      const now = Date.now();
      const res = advance(this.def!, this.state!, ev, now);
      // A node's result ends its attempt in the same transaction that journals it.
      const ended = ev.type === "executed";
      if (res.ignored) {
        if (ended) this.ctx.storage.transactionSync(() => this.endAttempt());
        return first ? res.ignored : undefined;
      }
      first = false;
      // One transaction per step: the outcome, the state that follows from it and the start of
      // the next node's attempt (its journal row and pending marker) commit together.
      const next = this.ctx.storage.transactionSync(() => {
        let exec: { nodeId: string; attempt: number } | null = null;
        this.state = res.state;
        if (res.step) this.journal(res.step, now);
        if (ended) this.endAttempt();
        for (const eff of res.effects) {
          if (eff.type === "execute") exec = { nodeId: eff.nodeId, attempt: eff.attempt };
          else this.applyEffect(eff, now);
        }
        this.store.put("state", this.state);
        this.dirty = true;
        // Taken after the engine and the journal writes, so a step's start less the previous
        // step's end is the engine's own overhead (bench: runs.stepOverheadMedianMs).
        const started = Date.now();
        return exec ? { node: this.beginAttempt(exec, started), attempt: exec.attempt, started } : null;
      });
      if (!next) return undefined;
      await this.guard();
      if (Date.now() - this.mirroredAt >= MIRROR_EVERY_MS) await this.mirror();
      reads ??= new ReadAhead(this.env.DB, readsAhead(this.def!, next.node.id));
      ev = await this.runAttempt(next.node, next.attempt, next.started, reads);
    }
    return undefined;
  }

  /**
   * Starts a node attempt (inside a transaction): the journal row and the pending marker are
   * written before it runs (and `guard` has armed the alarm); `process` clears the marker in the
   * transaction that journals the outcome. A crash mid-step left the attempt pending: its journal
   * row is reused, not added again. Returns the node, for `runAttempt`.
   */
  private beginAttempt(x: { nodeId: string; attempt: number }, started: number): DefNode {
    const node = this.def!.nodes.find((n) => n.id === x.nodeId)!;
    const p = this.pending;
    const seq = p && p.nodeId === x.nodeId && p.attempt === x.attempt ? p.seq : this.store.beginStep(x.nodeId, node.type, x.attempt, started, stepInput(this.def!, x.nodeId, this.state!.data));
    this.pending = { ...x, seq };
    this.store.put("pending", this.pending);
    return node;
  }

  /**
   * Before a stretch of steps runs, makes sure the alarm can bring the run back if the object dies
   * inside one (rule 2), whatever started the stretch (an alarm, a person's answer, a retry): a
   * `resume` timer 30 s out and the alarm no later than it. `settle` clears the timer once no
   * attempt is pending; if the stretch outlasts it, the alarm waits its turn and finds nothing due.
   */
  private async guard() {
    if (this.guarded) return;
    const at = Date.now() + RESUME_AFTER_MS;
    this.store.addTimer({ id: "resume", nodeId: "", kind: "resume", at, payload: null });
    const current = await this.ctx.storage.getAlarm();
    if (current == null || current > at) await this.ctx.storage.setAlarm(at);
    this.guarded = true;
  }

  /** Runs a begun node attempt and hands its outcome back as the engine's next event. */
  private async runAttempt(node: DefNode, attempt: number, started: number, reads: ReadAhead): Promise<EngineEvent> {
    return { type: "executed", nodeId: node.id, outcome: await this.runNode(node, attempt, started, reads) };
  }

  /** The attempt in progress is over (inside the transaction that records its outcome). */
  private endAttempt() {
    if (!this.pending) return;
    this.pending = null;
    this.store.put("pending", null);
  }

  private runNode(node: DefNode, attempt: number, now: number, reads: ReadAhead): Promise<NodeOutcome> {
    const memo = { get: <T,>(k: string) => this.store.get<T>(k), put: (k: string, v: unknown) => this.store.put(k, v) };
    const services = createServices(this.env, { runId: this.meta!.runId, workflowId: this.meta!.workflowId, nodeId: node.id, mode: this.meta!.mode, attempt, now, memo, later: this.later, takeConnector: this.takeConnector, reads });
    return executeNode(this.def!, node.id, this.state!.data, services);
  }

  private journal(step: NonNullable<ReturnType<typeof advance>["step"]>, now: number) {
    const seq = this.pending?.nodeId === step.nodeId ? this.pending.seq : this.store.lastStep(step.nodeId)?.seq;
    if (seq == null) return;
    const done = step.status === "completed" || step.status === "failed" || step.status === "skipped";
    this.store.finishStep(seq, {
      status: step.status,
      port: step.port ?? null,
      endedAt: done || step.status === "running" ? now : null,
      output: step.output,
      error: step.error ?? null,
    });
  }

  private applyEffect(eff: Exclude<ReturnType<typeof advance>["effects"][number], { type: "execute" }>, now: number) {
    switch (eff.type) {
      case "set_timer":
        this.store.addTimer({ id: `${eff.kind}:${eff.nodeId}`, nodeId: eff.nodeId, kind: eff.kind, at: eff.at, payload: null });
        break;
      case "open_task":
        this.openTask(eff.nodeId, eff.task, now);
        break;
      case "close_tasks":
        this.closeTasks(eff.status, now);
        break;
      case "finished":
        this.meta = { ...this.meta!, endedAt: now };
        this.store.put("meta", this.meta);
        for (const t of this.store.timers()) if (t.kind !== "mirror") this.store.removeTimer(t.id);
        break;
    }
  }

  private tasks(): Record<string, TaskRecord> {
    return this.store.get<Record<string, TaskRecord>>("tasks") ?? {};
  }

  /**
   * Stores a task and queues its index row. `resetClaim` is one-shot: it rides on the pending row
   * (kept even if a newer row replaces it before D1 accepts) and is never stored on the task.
   */
  private saveTask(t: TaskRecord) {
    const tasks = this.tasks();
    tasks[t.nodeId] = { ...t, resetClaim: false };
    this.store.put("tasks", tasks);
    this.meta = { ...this.meta!, seq: this.meta!.seq + 1 };
    this.store.put("meta", this.meta);
    if (t.status === "opening") return;
    const key = `queue:${t.id}`;
    const pendingReset = this.store.outbox().some((r) => r.key === key && (r.payload as { resetClaim?: boolean }).resetClaim);
    this.store.enqueue(key, "queue", queueRow({ ...t, resetClaim: t.resetClaim || pendingReset }, { ...this.meta!, subject: this.summary().subject }));
  }

  /** Records the wait (inside the engine's transaction); `openTasks` finishes it after. */
  private openTask(nodeId: string, spec: TaskSpec, now: number) {
    const node = this.def!.nodes.find((n) => n.id === nodeId);
    this.saveTask({
      id: taskId(this.meta!.runId, nodeId),
      nodeId,
      nodeName: node?.name ?? null,
      kind: spec.kind,
      title: spec.title,
      instructions: spec.instructions ?? null,
      status: "opening",
      spec,
      assigneeId: null,
      poolId: null,
      assigneeEmail: null,
      routing: null,
      fields: (spec.fields as unknown[]) ?? null,
      dueAt: spec.dueAt ?? null,
      createdAt: now,
      completedAt: null,
      completedBy: null,
      reminders: 0,
      escalated: false,
      resetClaim: false,
      context: taskContext(this.state!.data, spec, node?.name ?? null, this.meta!.workflowName),
    });
  }

  /** Resolves assignees, sends handoff links and arms SLA timers for tasks just opened. */
  private async openTasks() {
    for (const t of Object.values(this.tasks())) {
      if (t.status !== "opening") continue;
      const node = this.def!.nodes.find((n) => n.id === t.nodeId);
      const poolFallback = (node?.config as { poolId?: string } | undefined)?.poolId ?? null;
      const who = await resolveAssignee(this.env, t.spec.assignee, poolFallback);
      if (t.kind === "handoff" && t.spec.recipient) {
        const link = await createFormLink(this.env, { queueItemId: t.id, runId: this.meta!.runId, nodeId: t.nodeId, expiresAt: t.spec.expiresAt ?? t.dueAt ?? Date.now() + 72 * HOUR_MS, now: Date.now() });
        await this.mail(`${t.nodeId}:handoff`, t.spec.recipient, t.title, `${t.instructions ? t.instructions + "\n\n" : ""}Please fill in this short form: ${link}\n\nThe link works once and expires on ${readableUtc(t.spec.expiresAt ?? t.dueAt ?? Date.now())}.`, link);
      }
      this.ctx.storage.transactionSync(() => {
        const fresh = this.tasks()[t.nodeId];
        if (!fresh || fresh.status !== "opening") return;
        this.saveTask({ ...fresh, ...who, assigneeEmail: t.kind === "handoff" ? (t.spec.recipient ?? null) : who.assigneeEmail, status: "open" });
        if (fresh.dueAt) this.store.addTimer({ id: `sla_due:${t.nodeId}`, nodeId: t.nodeId, kind: "sla_due", at: fresh.dueAt, payload: null });
        if (t.spec.remindEveryHours) this.armReminder(fresh, fresh.createdAt);
        if (t.spec.escalateAfterHours && t.spec.escalateTo) {
          this.store.addTimer({ id: `sla_escalate:${t.nodeId}`, nodeId: t.nodeId, kind: "sla_escalate", at: fresh.createdAt + t.spec.escalateAfterHours * HOUR_MS, payload: null });
        }
      });
    }
  }

  private armReminder(t: TaskRecord, from: number) {
    const at = from + (t.spec.remindEveryHours ?? 0) * HOUR_MS;
    if (!t.dueAt || at < t.dueAt) this.store.addTimer({ id: `sla_remind:${t.nodeId}`, nodeId: t.nodeId, kind: "sla_remind", at, payload: null });
  }

  /** Ends a task and clears its SLA timers (inside a transaction). */
  private finishTask(nodeId: string, status: "completed" | "expired" | "cancelled", now: number, by: string | null, outcome?: TaskOutcome) {
    const t = this.tasks()[nodeId];
    if (!t || (t.status !== "open" && t.status !== "opening")) return;
    for (const kind of ["sla_due", "sla_remind", "sla_escalate"]) this.store.removeTimer(`${kind}:${nodeId}`);
    this.saveTask({ ...t, status, completedAt: now, completedBy: by, resetClaim: false, ...(outcome ? { context: { ...t.context, outcome } } : {}) });
  }

  private closeTasks(status: "cancelled", now: number) {
    for (const t of Object.values(this.tasks())) this.finishTask(t.nodeId, status, now, null);
  }

  /** Due time passed: the item expires and the node continues on `timeout`. */
  private async timeoutTask(nodeId: string, now: number) {
    const t = this.tasks()[nodeId];
    if (!t || t.status !== "open") return;
    const result = checkCompletion(this.def!, nodeId, this.state!.data, { timedOut: true }, now);
    if (!result.ok) return;
    this.ctx.storage.transactionSync(() => this.finishTask(nodeId, "expired", now, null));
    await this.process({ type: "task_completed", nodeId, port: result.port, output: result.output, set: result.set });
  }

  private async remind(nodeId: string, now: number) {
    const t = this.tasks()[nodeId];
    if (!t || t.status !== "open") return;
    const n = t.reminders + 1;
    for (const to of await notifyAddresses(this.env, t)) {
      await this.mail(`${nodeId}:remind:${n}:${to}`, to, `Reminder: ${t.title}`, `“${t.title}” is still waiting in the queue${t.dueAt ? ` and is due ${readableUtc(t.dueAt)}` : ""}.`, null);
    }
    this.ctx.storage.transactionSync(() => {
      const fresh = { ...this.tasks()[nodeId], reminders: n };
      this.saveTask(fresh);
      this.armReminder(fresh, now);
    });
  }

  /** Hands the item to `escalateTo` (clearing any claim) and tells them. */
  private async escalate(nodeId: string, _now: number) {
    const t = this.tasks()[nodeId];
    if (!t || t.status !== "open" || !t.spec.escalateTo) return;
    const who = await resolveAssignee(this.env, t.spec.escalateTo, null);
    for (const to of await notifyAddresses(this.env, who)) {
      await this.mail(`${nodeId}:escalate:${to}`, to, `Escalated to you: ${t.title}`, `“${t.title}” was not handled in time and has been escalated to you.`, null);
    }
    this.ctx.storage.transactionSync(() => {
      const fresh = this.tasks()[nodeId];
      this.saveTask({ ...fresh, ...who, routing: `Escalated after ${t.spec.escalateAfterHours} h. ${who.routing}`, escalated: true, resetClaim: true });
    });
  }

  /** Notification e-mails through the outbox, idempotent per key so a replay never sends twice. */
  private async mail(key: string, to: string, subject: string, text: string, link: string | null) {
    const html = `<p>${escapeHtml(text).replace(/\n/g, "<br>")}</p>${link ? `<p><a href="${escapeHtml(link)}">Open the form</a></p>` : ""}`;
    await createEmailService(this.env, { runId: this.meta!.runId, nodeId: key, mode: this.meta!.mode, now: Date.now(), idempotencyKey: `${this.meta!.runId}:${key}`, later: this.later }).send({ to, subject, text, html });
  }

  private stepName(nodeId: string): string {
    return stepName(this.def, nodeId);
  }

  private summary(): RunSummary {
    return runSummary(this.meta!, this.state!, this.def);
  }

  /**
   * Queues the index row if the run changed, then sends the outbox to D1; whatever D1 refused
   * stays for the retry timer `settle` arms.
   */
  private async mirror(): Promise<boolean> {
    if (this.dirty) this.ctx.storage.transactionSync(() => this.summarise());
    this.mirroredAt = Date.now();
    return flushOutbox(this.env.DB, this.store);
  }

  /** Queues the index row (inside the caller's transaction). */
  private summarise() {
    this.meta = { ...this.meta!, seq: this.meta!.seq + 1 };
    this.store.put("meta", this.meta);
    const row = this.summary();
    // An End step that fails the run on purpose leaves no step error; the index keeps its reason as
    // the error, so the runs list can say why every failed run failed.
    const reason = row.status === "failed" && !row.error ? this.state!.outcome?.reason : undefined;
    this.store.enqueue("run", "run", reason ? { ...row, error: { message: reason, code: "end_failed" } } : row);
    this.dirty = false;
  }

  /**
   * After a batch of changes: resume interrupted work, mirror to D1, and re-arm the one alarm.
   * `mirror: false` leaves the outbox for the next settle (the start kick is due at once).
   */
  private async settle({ mirror = true } = {}) {
    const pending = this.pending;
    if (pending && this.state?.status === "running") {
      // An earlier invocation died inside this step: run it again (services are idempotent).
      const started = Date.now();
      const node = this.ctx.storage.transactionSync(() => this.beginAttempt(pending, started));
      await this.guard();
      const reads = new ReadAhead(this.env.DB, readsAhead(this.def!, node.id));
      const ev = await this.runAttempt(node, pending.attempt, started, reads);
      await this.process(ev, reads);
    }
    await this.openTasks();
    if (!this.pending) {
      this.store.removeTimer("resume");
      this.guarded = false;
    }
    const empty = mirror ? await this.mirror() : true;
    if (!empty) {
      const attempts = Math.max(1, ...this.store.outbox().map((r) => r.attempts));
      this.store.addTimer({ id: "mirror", nodeId: "", kind: "mirror", at: Date.now() + backoffMs(attempts), payload: null });
    } else {
      this.store.removeTimer("mirror");
    }
    this.broadcast();
    const next = this.store.nextTimerAt();
    const current = await this.ctx.storage.getAlarm();
    if (next == null) {
      if (current != null) await this.ctx.storage.deleteAlarm();
    } else if (current !== next) {
      await this.ctx.storage.setAlarm(next);
    }
  }
}
