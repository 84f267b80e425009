/**
 * Drive a run through the pure engine the way the run object does: feed `start`, execute each node
 * the engine asks for, feed the outcome back. Stops when the run finishes or parks (timer, task).
 */
import { advance, initialState, type AdvanceOptions, type Effect, type EngineEvent, type EngineState, type StepRecord } from "../../../durable/engine";
import { executeNode } from "../../../durable/execute";
import type { Definition } from "../../../durable/graph";
import type { NodeOutcome, RunData } from "../../../durable/types";
import { createFakeServices, NOW, type Fake } from "./fake-services";

export type Executor = (nodeId: string, state: EngineState, attempt: number) => Promise<NodeOutcome> | NodeOutcome;

export interface Driven {
  state: EngineState;
  effects: Effect[];
  steps: StepRecord[];
  executed: string[];
}

/** Executes real nodes against a fake services object. */
export function realExecutor(def: Definition, fake: Fake = createFakeServices()): Executor {
  return (nodeId, state, attempt) => executeNode(def, nodeId, state.data, { ...fake.services, nodeId, attempt, idempotencyKey: `${fake.services.runId}:${nodeId}` });
}

/** Feed `event` (default start) and keep executing until nothing more is asked. */
export async function drive(
  def: Definition,
  from: EngineState | Partial<RunData>,
  executor: Executor = realExecutor(def),
  event: EngineEvent = { type: "start" },
  options: AdvanceOptions & { now?: number; limit?: number } = {},
): Promise<Driven> {
  let state = "status" in from && "cursor" in from ? (from as EngineState) : initialState(from as Partial<RunData>);
  const out: Driven = { state, effects: [], steps: [], executed: [] };
  let next: EngineEvent | null = event;
  const limit = options.limit ?? 10_000;
  for (let i = 0; next && i < limit; i++) {
    const result = advance(def, state, next, options.now ?? NOW, options);
    state = result.state;
    out.effects.push(...result.effects);
    if (result.step) out.steps.push(result.step);
    next = null;
    const exec = result.effects.find((e): e is Extract<Effect, { type: "execute" }> => e.type === "execute");
    if (exec) {
      out.executed.push(exec.nodeId);
      next = { type: "executed", nodeId: exec.nodeId, outcome: await executor(exec.nodeId, state, exec.attempt) };
    }
  }
  out.state = state;
  return out;
}
