import { describe, expect, it } from "vitest";
import { advance, backoffMs, initialState, type EngineState } from "../../durable/engine";
import type { Definition } from "../../durable/graph";
import type { NodeOutcome } from "../../durable/types";
import { NOW } from "./helpers/fake-services";
import { drive } from "./helpers/drive";

const pos = { x: 0, y: 0 };
const trigger = { id: "t", type: "trigger.hubspot", position: pos, config: { connectorId: "c", stageIds: ["closedwon"] } };

function linear(...nodes: { id: string; type: string; config?: Record<string, unknown> }[]): Definition {
  const all = [trigger, ...nodes.map((n) => ({ position: pos, config: {}, ...n }))];
  return { nodes: all, edges: all.slice(1).map((n, i) => ({ id: `e${i}`, source: all[i].id, target: n.id })) };
}

const next = (output: Record<string, unknown> = {}, set?: Record<string, unknown>, port = "out"): NodeOutcome => ({ kind: "next", port, output, ...(set ? { set } : {}) });

/** A run that has started and is executing `nodeId`. */
function at(def: Definition, nodeId: string, patch: Partial<EngineState> = {}): EngineState {
  return { ...initialState({}), cursor: nodeId, attempts: { [nodeId]: 1 }, stepCount: 1, ...patch };
}

describe("advance: start and next", () => {
  const def = linear({ id: "a", type: "action.set_data" }, { id: "b", type: "action.extract_deal" });

  it("start executes the trigger; a second start is ignored", () => {
    const started = advance(def, initialState({ trigger: { objectId: 1 } }), { type: "start" }, NOW);
    expect(started.effects).toEqual([{ type: "execute", nodeId: "t", attempt: 1 }]);
    expect(started.state).toMatchObject({ status: "running", cursor: "t", attempts: { t: 1 } });
    expect(advance(def, started.state, { type: "start" }, NOW).ignored).toMatch(/already started/);
  });

  it("stores the output at steps.<id>, applies set paths and moves to the target", () => {
    const state = at(def, "a");
    const result = advance(def, state, { type: "executed", nodeId: "a", outcome: next({ x: 1 }, { "onboarding.tier": "gold", account: { id: "acc" } }) }, NOW);
    expect(result.state.data).toMatchObject({ steps: { a: { x: 1 } }, onboarding: { tier: "gold" }, account: { id: "acc" } });
    expect(result.effects).toEqual([{ type: "execute", nodeId: "b", attempt: 1 }]);
    expect(result.step).toEqual({ nodeId: "a", status: "completed", attempt: 1, port: "out", output: { x: 1 } });
    expect(result.state.stepCount).toBe(2);
    expect(state.data.steps).toEqual({}); // the input state is never mutated
  });

  it("completes the run when the port has no edge", () => {
    const result = advance(def, at(def, "b"), { type: "executed", nodeId: "b", outcome: next() }, NOW);
    expect(result.state).toMatchObject({ status: "completed", cursor: null, outcome: { status: "completed" } });
    expect(result.effects).toEqual([{ type: "finished", status: "completed" }]);
  });

  it("finishes at an end node, completed or failed with its reason", () => {
    const d = linear({ id: "stop", type: "end", config: { outcome: "failed", reason: "too small" } });
    const failed = advance(d, at(d, "stop"), { type: "executed", nodeId: "stop", outcome: { kind: "end", status: "failed", reason: "too small" } }, NOW);
    expect(failed.state).toMatchObject({ status: "failed", outcome: { status: "failed", reason: "too small" }, error: null });
    expect(failed.effects).toEqual([{ type: "finished", status: "failed", reason: "too small" }]);
    expect(failed.step?.status).toBe("completed");
    expect(advance(d, failed.state, { type: "retry" }, NOW).ignored).toMatch(/only a run that failed at a step/);
  });

  it("fails the step when a node picks a port it does not have or sets steps.*", () => {
    const badPort = advance(def, at(def, "a"), { type: "executed", nodeId: "a", outcome: next({}, undefined, "sideways") }, NOW);
    expect(badPort.state.error).toMatchObject({ code: "invalid_port", nodeId: "a" });
    const badSet = advance(def, at(def, "a"), { type: "executed", nodeId: "a", outcome: next({}, { "steps.b": 1 }) }, NOW);
    expect(badSet.state.error).toMatchObject({ code: "invalid_output" });
    const proto = advance(def, at(def, "a"), { type: "executed", nodeId: "a", outcome: next({}, { "__proto__.x": 1 }) }, NOW);
    expect(proto.state.error).toMatchObject({ code: "invalid_output" });
  });

  it("fails the step on a malformed outcome", () => {
    const result = advance(def, at(def, "a"), { type: "executed", nodeId: "a", outcome: { kind: "teleport" } as unknown as NodeOutcome }, NOW);
    expect(result.state).toMatchObject({ status: "failed", error: { code: "invalid_outcome", nodeId: "a" } });
  });

  it("fails at once when the workflow has no trigger", () => {
    const result = advance({ nodes: [], edges: [] }, initialState(), { type: "start" }, NOW);
    expect(result.state).toMatchObject({ status: "failed", outcome: { reason: "The workflow has no trigger node" } });
  });
});

describe("advance: events that do not fit are ignored, never thrown", () => {
  const def = linear({ id: "a", type: "action.set_data" });

  it("ignores executed for another node, waiting nodes and finished runs", () => {
    const state = at(def, "a");
    expect(advance(def, state, { type: "executed", nodeId: "t", outcome: next() }, NOW).ignored).toMatch(/not the current node/);
    const waiting = { ...state, waiting: { nodeId: "a", kind: "retry" as const, until: NOW + 1 } };
    expect(advance(def, waiting, { type: "executed", nodeId: "a", outcome: next() }, NOW).ignored).toMatch(/waiting/);
    const done = { ...state, status: "completed" as const };
    for (const event of [
      { type: "executed", nodeId: "a", outcome: next() },
      { type: "timer_fired", nodeId: "a" },
      { type: "task_completed", nodeId: "a", port: "done" },
      { type: "cancel" },
      { type: "retry" },
    ] as const) {
      const result = advance(def, done, event, NOW);
      expect(result.ignored).toBeTruthy();
      expect(result.state).toBe(done);
      expect(result.effects).toEqual([]);
    }
  });

  it("ignores unknown and malformed events", () => {
    const state = at(def, "a");
    expect(advance(def, state, { type: "explode" } as never, NOW).ignored).toMatch(/unknown event/);
    expect(advance(def, state, null as never, NOW).ignored).toMatch(/unknown event/);
    expect(advance(null as never, state, { type: "executed", nodeId: "a", outcome: next() }, NOW).ignored).toMatch(/engine fault/);
  });
});

describe("advance: timers", () => {
  const def = linear({ id: "wait", type: "logic.delay", config: { minutes: 60 } }, { id: "b", type: "action.set_data" });

  it("parks on a delay and continues on its port when the timer fires", () => {
    const until = NOW + 3_600_000;
    const paused = advance(def, at(def, "wait"), { type: "executed", nodeId: "wait", outcome: { kind: "wait_timer", until, output: { until: "x" } } }, NOW);
    expect(paused.state).toMatchObject({ status: "paused", waiting: { nodeId: "wait", kind: "timer", until, port: "out" } });
    expect(paused.effects).toEqual([{ type: "set_timer", nodeId: "wait", kind: "delay", at: until }]);
    expect(paused.step).toMatchObject({ status: "paused", output: { until: "x" } });
    expect(advance(def, paused.state, { type: "timer_fired", nodeId: "b" }, until).ignored).toBeTruthy();
    const resumed = advance(def, paused.state, { type: "timer_fired", nodeId: "wait" }, until);
    expect(resumed.effects).toEqual([{ type: "execute", nodeId: "b", attempt: 1 }]);
    expect(resumed.step).toMatchObject({ nodeId: "wait", status: "completed", port: "out", output: { until: "x" } });
    expect(advance(def, resumed.state, { type: "timer_fired", nodeId: "wait" }, until).ignored).toBeTruthy();
  });

  it("continues at once when the date is already past", () => {
    const result = advance(def, at(def, "wait"), { type: "executed", nodeId: "wait", outcome: { kind: "wait_timer", until: NOW - 1 } }, NOW);
    expect(result.effects).toEqual([{ type: "execute", nodeId: "b", attempt: 1 }]);
  });
});

describe("advance: human tasks", () => {
  const def: Definition = {
    nodes: [
      trigger,
      { id: "ok", type: "human.approval", position: pos, config: { title: "x", assignee: { userId: "u" } } },
      { id: "yes", type: "end", position: pos, config: {} },
      { id: "no", type: "end", position: pos, config: { outcome: "failed" } },
    ],
    edges: [
      { id: "e0", source: "t", target: "ok" },
      { id: "e1", source: "ok", sourcePort: "approved", target: "yes" },
      { id: "e2", source: "ok", sourcePort: "rejected", target: "no" },
      { id: "e3", source: "ok", sourcePort: "timeout", target: "no" },
    ],
  };
  const task = { kind: "approval" as const, title: "Approve", assignee: { userId: "u" }, dueAt: null };

  it("opens a task, then follows the port the completion names with merged output and set", () => {
    const paused = advance(def, at(def, "ok"), { type: "executed", nodeId: "ok", outcome: { kind: "wait_task", task, output: { title: "Approve" } } }, NOW);
    expect(paused.state).toMatchObject({ status: "paused", waiting: { nodeId: "ok", kind: "task" } });
    expect(paused.effects).toEqual([{ type: "open_task", nodeId: "ok", task }]);
    expect(paused.state.data.steps.ok).toEqual({ title: "Approve" });

    const done = advance(def, paused.state, { type: "task_completed", nodeId: "ok", port: "approved", output: { decision: "approved" }, set: { "approval.by": "u" } }, NOW);
    expect(done.state.data.steps.ok).toEqual({ title: "Approve", decision: "approved" });
    expect(done.state.data).toMatchObject({ approval: { by: "u" } });
    expect(done.effects).toEqual([{ type: "execute", nodeId: "yes", attempt: 1 }]);
    expect(done.step).toMatchObject({ nodeId: "ok", status: "completed", port: "approved" });
  });

  it("ignores completions for other nodes, unknown ports, bad set paths, and timers", () => {
    const paused = advance(def, at(def, "ok"), { type: "executed", nodeId: "ok", outcome: { kind: "wait_task", task } }, NOW).state;
    expect(advance(def, paused, { type: "task_completed", nodeId: "yes", port: "approved" }, NOW).ignored).toMatch(/not waiting/);
    expect(advance(def, paused, { type: "task_completed", nodeId: "ok", port: "maybe" }, NOW).ignored).toMatch(/not an output/);
    expect(advance(def, paused, { type: "task_completed", nodeId: "ok", port: "done", set: { steps: 1 } }, NOW).ignored).toBeTruthy();
    expect(advance(def, paused, { type: "task_completed", nodeId: "ok", port: "approved", set: { steps: 1 } }, NOW).ignored).toMatch(/writable/);
    expect(advance(def, paused, { type: "timer_fired", nodeId: "ok" }, NOW).ignored).toMatch(/waits for a person/);
  });

  it("cancel closes tasks, marks the waiting step skipped and ignores later results", () => {
    const paused = advance(def, at(def, "ok"), { type: "executed", nodeId: "ok", outcome: { kind: "wait_task", task } }, NOW).state;
    const cancelled = advance(def, paused, { type: "cancel" }, NOW);
    expect(cancelled.effects).toEqual([{ type: "close_tasks", status: "cancelled" }, { type: "finished", status: "cancelled", reason: "Cancelled" }]);
    expect(cancelled.state).toMatchObject({ status: "cancelled", cursor: null, waiting: null, outcome: { status: "cancelled" } });
    expect(cancelled.step).toMatchObject({ nodeId: "ok", status: "skipped", error: { code: "cancelled" } });
    expect(advance(def, cancelled.state, { type: "task_completed", nodeId: "ok", port: "approved" }, NOW).ignored).toBeTruthy();
  });
});

describe("advance: failures and retries", () => {
  const def = linear({ id: "mail", type: "action.send_email", config: { to: "a@b.example", subject: "s", body: "b", maxAttempts: 3 } }, { id: "end", type: "end" });
  const boom = (retryable: boolean, retryAfterMs?: number): NodeOutcome => ({ kind: "fail", error: { code: "smtp_down", message: "SMTP down" }, retryable, ...(retryAfterMs ? { retryAfterMs } : {}) });

  it("retries a retryable failure with backoff until maxAttempts, then fails; retry resumes", () => {
    let state = at(def, "mail");
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const failed = advance(def, state, { type: "executed", nodeId: "mail", outcome: boom(true) }, NOW);
      expect(failed.state.status).toBe("running");
      expect(failed.step).toMatchObject({ nodeId: "mail", status: "running", attempt, error: { code: "smtp_down" } });
      const timer = failed.effects[0] as { type: string; at: number; kind: string };
      expect(timer).toMatchObject({ type: "set_timer", nodeId: "mail", kind: "retry" });
      delays.push(timer.at - NOW);
      const fired = advance(def, failed.state, { type: "timer_fired", nodeId: "mail" }, timer.at);
      expect(fired.effects).toEqual([{ type: "execute", nodeId: "mail", attempt: attempt + 1 }]);
      state = fired.state;
    }
    expect(delays).toEqual([1000, 2000]);
    const final = advance(def, state, { type: "executed", nodeId: "mail", outcome: boom(true) }, NOW);
    expect(final.state).toMatchObject({ status: "failed", cursor: "mail", error: { code: "smtp_down", message: "SMTP down", nodeId: "mail" } });
    expect(final.effects).toEqual([{ type: "finished", status: "failed", reason: "SMTP down" }]);
    expect(final.step).toMatchObject({ status: "failed", attempt: 3 });

    const retried = advance(def, final.state, { type: "retry" }, NOW);
    expect(retried.effects).toEqual([{ type: "execute", nodeId: "mail", attempt: 1 }]);
    expect(retried.state).toMatchObject({ status: "running", error: null, outcome: null, attempts: { mail: 1 } });
  });

  it("fails at once on a non-retryable failure", () => {
    const result = advance(def, at(def, "mail"), { type: "executed", nodeId: "mail", outcome: boom(false) }, NOW);
    expect(result.state.status).toBe("failed");
  });

  it("honours retryAfterMs as a floor and defaults to 5 attempts for actions", () => {
    const result = advance(def, at(def, "mail"), { type: "executed", nodeId: "mail", outcome: boom(true, 30_000) }, NOW);
    expect(result.effects[0]).toMatchObject({ at: NOW + 30_000 });
    const d = linear({ id: "mail", type: "action.send_email", config: { to: "a@b.example", subject: "s", body: "b" } });
    const fourth = advance(d, at(d, "mail", { attempts: { mail: 4 } }), { type: "executed", nodeId: "mail", outcome: boom(true) }, NOW);
    expect(fourth.state.status).toBe("running");
    const fifth = advance(d, at(d, "mail", { attempts: { mail: 5 } }), { type: "executed", nodeId: "mail", outcome: boom(true) }, NOW);
    expect(fifth.state.status).toBe("failed");
  });

  it("does not retry logic or human nodes by default", () => {
    const d = linear({ id: "wait", type: "logic.delay", config: { minutes: 1 } });
    expect(advance(d, at(d, "wait"), { type: "executed", nodeId: "wait", outcome: boom(true) }, NOW).state.status).toBe("failed");
  });

  it("can cancel a run waiting for a retry", () => {
    const waiting = advance(def, at(def, "mail"), { type: "executed", nodeId: "mail", outcome: boom(true) }, NOW).state;
    const cancelled = advance(def, waiting, { type: "cancel", reason: "Stop" }, NOW);
    expect(cancelled.state).toMatchObject({ status: "cancelled", outcome: { reason: "Stop" } });
    expect(advance(def, cancelled.state, { type: "timer_fired", nodeId: "mail" }, NOW).ignored).toBeTruthy();
  });
});

describe("advance: step guard", () => {
  it("fails with max_steps_exceeded when a run needs more executions than allowed", async () => {
    const def = linear(...Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, type: "action.set_data", config: { values: { [`v${i}`]: "x" } } })));
    const full = await drive(def, {});
    expect(full.state.status).toBe("completed");
    const guarded = await drive(def, {}, undefined, { type: "start" }, { maxSteps: 4 });
    expect(guarded.executed).toHaveLength(4);
    expect(guarded.state).toMatchObject({ status: "failed", error: { code: "max_steps_exceeded", nodeId: "s3" } });
    const resumed = await drive(def, guarded.state, undefined, { type: "retry" }, { maxSteps: 4 });
    expect(resumed.state.status).toBe("completed");
  });
});

describe("backoffMs", () => {
  it("doubles from 1 s and caps at 1 h, with retryAfterMs as a floor", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(13)).toBe(3_600_000);
    expect(backoffMs(1000)).toBe(3_600_000);
    expect(backoffMs(1, 5000)).toBe(5000);
    expect(backoffMs(3, 100)).toBe(4000);
    expect(backoffMs(0)).toBe(1000);
    expect(backoffMs(1, 10 ** 12)).toBe(86_400_000);
  });
});
