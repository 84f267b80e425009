import { DurableObject } from "cloudflare:workers";
import { advance, initialState, type EngineEvent, type EngineState } from "./engine";
import type { Definition } from "./graph";
import { executeNode, stepInput } from "./execute";
import { RunStore } from "./state";
import { flushOutbox, type RunSummary } from "./mirror";
import { createServices } from "./services";
import type { Deal, NodeOutcome, RunMode, TaskSpec } from "./types";
import type { RunEnv } from "./env";
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
}

interface Meta extends Omit<StartInput, "definition" | "trigger" | "deal"> {
  startedAt: number;
  endedAt: number | null;
  seq: number;
}

interface Pending {
  nodeId: string;
  attempt: number;
  seq: number;
}

/** If the object dies mid-step, this timer brings it back to finish the step. */
const RESUME_AFTER_MS = 30_000;

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
  /** Entry points run one at a time: a node awaiting I/O must not interleave with another event. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: RunEnv) {
    super(ctx, env);
    this.store = new RunStore(ctx.storage.sql);
    this.meta = this.store.get<Meta>("meta");
    this.def = this.store.get<Definition>("def");
    this.state = this.store.get<EngineState>("state");
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Starts the run unless this object already holds one (a duplicate start creates nothing). */
  start(input: StartInput): Promise<{ runId: string; created: boolean }> {
    return this.serial(() => this.doStart(input));
  }

  private async doStart(input: StartInput): Promise<{ runId: string; created: boolean }> {
    if (this.meta) return { runId: this.meta.runId, created: false };
    const now = Date.now();
    const { definition, trigger, deal, ...rest } = input;
    this.ctx.storage.transactionSync(() => {
      this.meta = { ...rest, startedAt: now, endedAt: null, seq: 0 };
      this.def = definition;
      this.state = initialState({ trigger: trigger ?? null, deal: deal ?? null, steps: {} });
      this.store.put("meta", this.meta);
      this.store.put("def", this.def);
      this.store.put("state", this.state);
      // The graph runs in the alarm, not in the caller's request: webhooks answer fast.
      this.store.addTimer({ id: "kick", nodeId: "", kind: "kick", at: now, payload: null });
      this.summarise();
    });
    await this.settle();
    return { runId: input.runId, created: true };
  }

  /** Cancel, retry-from-failed and task completion all feed one engine event. */
  cancel(): Promise<{ status: string; ignored?: string }> {
    return this.event({ type: "cancel" });
  }

  retry(): Promise<{ status: string; ignored?: string }> {
    return this.event({ type: "retry" });
  }

  /** Resumes a node waiting on a person down the port the completion names. */
  completeTask(nodeId: string, port: string, output: Record<string, unknown>): Promise<{ status: string; ignored?: string }> {
    return this.event({ type: "task_completed", nodeId, port, output });
  }

  private event(ev: EngineEvent): Promise<{ status: string; ignored?: string }> {
    return this.serial(async () => {
      this.requireRun();
      const ignored = await this.process(ev);
      await this.settle();
      return { status: this.state!.status, ...(ignored ? { ignored } : {}) };
    });
  }

  /** The run as the API shows it: header, data and the step journal. */
  async snapshot() {
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
  private async process(event: EngineEvent): Promise<string | undefined> {
    let ev: EngineEvent | null = event;
    let first = true;
    while (ev) {
      const now = Date.now();
      const res = advance(this.def!, this.state!, ev, now);
      if (res.ignored) return first ? res.ignored : undefined;
      first = false;
      let exec: { nodeId: string; attempt: number } | null = null;
      this.ctx.storage.transactionSync(() => {
        this.state = res.state;
        if (res.step) this.journal(res.step, now);
        for (const eff of res.effects) {
          if (eff.type === "execute") exec = { nodeId: eff.nodeId, attempt: eff.attempt };
          else this.applyEffect(eff, now);
        }
        this.store.put("state", this.state);
        this.summarise();
      });
      ev = exec ? await this.execute(exec) : null;
    }
    return undefined;
  }

  /** Runs one node attempt. The journal row and a resume timer are written before it starts. */
  private async execute(x: { nodeId: string; attempt: number }): Promise<EngineEvent> {
    const node = this.def!.nodes.find((n) => n.id === x.nodeId)!;
    const started = Date.now();
    let pending: Pending;
    this.ctx.storage.transactionSync(() => {
      const last = this.store.lastStep(x.nodeId);
      // A crash mid-step left a running row for this attempt: reuse it rather than add another.
      const seq =
        last && last.status === "running" && last.attempts === x.attempt
          ? last.seq
          : this.store.beginStep(x.nodeId, node.type, x.attempt, started, stepInput(this.def!, x.nodeId, this.state!.data));
      pending = { ...x, seq };
      this.store.put("pending", pending);
      this.store.addTimer({ id: "resume", nodeId: x.nodeId, kind: "resume", at: started + RESUME_AFTER_MS, payload: null });
    });
    const outcome = await this.runNode(node, x.attempt, started);
    this.ctx.storage.transactionSync(() => {
      this.store.put("pending", null);
      this.store.removeTimer("resume");
    });
    return { type: "executed", nodeId: x.nodeId, outcome };
  }

  private runNode(node: Definition["nodes"][number], attempt: number, now: number): Promise<NodeOutcome> {
    const services = createServices(this.env, { runId: this.meta!.runId, workflowId: this.meta!.workflowId, nodeId: node.id, mode: this.meta!.mode, attempt, now });
    return executeNode(this.def!, node.id, this.state!.data, services);
  }

  private journal(step: NonNullable<ReturnType<typeof advance>["step"]>, now: number) {
    const pending = this.store.get<Pending>("pending");
    const last = this.store.lastStep(step.nodeId);
    const seq = pending?.nodeId === step.nodeId ? pending.seq : last?.seq;
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

  /** Records the wait; the queue item mirror is built in durable/tasks.ts. */
  protected openTask(nodeId: string, task: TaskSpec, now: number) {
    const tasks = this.store.get<Record<string, unknown>>("tasks") ?? {};
    tasks[nodeId] = { ...task, status: "open", createdAt: now };
    this.store.put("tasks", tasks);
  }

  protected closeTasks(status: string, _now: number) {
    const tasks = this.store.get<Record<string, { status: string }>>("tasks") ?? {};
    for (const t of Object.values(tasks)) if (t.status === "open" || t.status === "claimed") t.status = status;
    this.store.put("tasks", tasks);
  }

  private summary(): RunSummary {
    const m = this.meta!;
    const s = this.state!;
    const deal = s.data.deal as Deal | null | undefined;
    const terminal = s.status === "completed" || s.status === "failed" || s.status === "cancelled";
    return {
      id: m.runId,
      workflowId: m.workflowId,
      workflowName: m.workflowName,
      version: m.version,
      mode: m.mode,
      status: s.status,
      currentNodeIds: !terminal && s.cursor ? [s.cursor] : [],
      startedAt: new Date(m.startedAt).toISOString(),
      endedAt: m.endedAt ? new Date(m.endedAt).toISOString() : null,
      durationMs: m.endedAt ? m.endedAt - m.startedAt : null,
      subject: {
        connector: m.subject.connector ?? deal?.source ?? null,
        objectId: m.subject.objectId ?? deal?.objectId ?? null,
        name: deal?.company?.name ?? deal?.name ?? m.subject.name,
      },
      stepCount: s.stepCount,
      error: s.error,
      seq: m.seq,
    };
  }

  /** Queues the index row after a change (inside the caller's transaction). */
  private summarise() {
    this.meta = { ...this.meta!, seq: this.meta!.seq + 1 };
    this.store.put("meta", this.meta);
    this.store.enqueue("run", "run", this.summary());
  }

  /** After a batch of changes: resume interrupted work, mirror to D1, and re-arm the one alarm. */
  private async settle() {
    const pending = this.store.get<Pending>("pending");
    if (pending && this.state?.status === "running") {
      // An earlier invocation died inside this step: run it again (services are idempotent).
      const ev = await this.execute(pending);
      await this.process(ev);
    }
    const empty = await flushOutbox(this.env.DB, this.store);
    if (!empty) {
      const attempts = Math.max(1, ...this.store.outbox().map((r) => r.attempts));
      this.store.addTimer({ id: "mirror", nodeId: "", kind: "mirror", at: Date.now() + backoffMs(attempts), payload: null });
    } else {
      this.store.removeTimer("mirror");
    }
    const next = this.store.nextTimerAt();
    const current = await this.ctx.storage.getAlarm();
    if (next == null) {
      if (current != null) await this.ctx.storage.deleteAlarm();
    } else if (current !== next) {
      await this.ctx.storage.setAlarm(next);
    }
  }
}
