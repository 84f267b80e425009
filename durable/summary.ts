/**
 * A run's D1 index row, as a pure function of its stored header, engine state and definition: the
 * run object mirrors it after each change, and a webhook receiver writes a new run's first row
 * itself (in the batch that claims the event) from the same function, so the two always agree.
 */
import type { EngineState } from "./engine";
import type { Definition } from "./graph";
import type { RunSummary } from "./mirror";
import { getNodeType } from "./registry";
import type { Deal, RunMode } from "./types";

/** The stored header of a run. */
export interface RunMeta {
  runId: string;
  workflowId: string;
  workflowName: string;
  /** null for a test run of the draft. */
  version: number | null;
  mode: RunMode;
  subject: { connector: string | null; objectId: string | null; name: string | null };
  startedAt: number;
  endedAt: number | null;
  seq: number;
}

/** A node's name as the builder shows it: its own, else its type's label, else its id. */
export function stepName(def: Definition | null, nodeId: string): string {
  const node = def?.nodes.find((n) => n.id === nodeId);
  return node?.name?.trim() || getNodeType(node?.type)?.label || nodeId;
}

export function runSummary(m: RunMeta, s: EngineState, def: Definition | null): RunSummary {
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
    currentStep: !terminal && s.cursor ? stepName(def, s.cursor) : null,
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
