import type { RunObject, StartInput, StartOptions } from "../../durable/run";
import { sha256Hex } from "./crypto";
import { newId } from "./crypto";

/**
 * Run ids are derived from the object's name, so the same (workflow, record) always maps to the
 * same run object and a duplicate start lands on a run that already exists.
 */
export async function runIdFor(name: string): Promise<string> {
  return "run_" + (await sha256Hex(name)).slice(0, 32);
}

export const testRunName = (workflowId: string) => `test:${workflowId}:${newId()}`;

/** Typed RPC stub of a run's Durable Object. */
export function runStub(env: { RUNS: DurableObjectNamespace }, runId: string): DurableObjectStub<RunObject> {
  const ns = env.RUNS as unknown as DurableObjectNamespace<RunObject>;
  return ns.get(ns.idFromName(runId));
}

export async function startRun(env: { RUNS: DurableObjectNamespace }, input: StartInput, opts: StartOptions = {}) {
  return runStub(env, input.runId).start(input, opts);
}

/**
 * A live run's object name: one per (workflow, CRM record). With re-enrolment on, the event key
 * is added so each qualifying event gets its own run while duplicates of one event still collide.
 */
export function liveRunName(workflowId: string, connectorId: string, objectId: string, reenrollEventKey?: string) {
  return `live:${workflowId}:${connectorId}:${objectId}${reenrollEventKey ? `:${reenrollEventKey}` : ""}`;
}
