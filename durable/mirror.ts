import type { RunStore } from "./state";
import { queueStatement } from "./tasks";
import { accountWrites } from "./services/account-writes";
import { keptEmail } from "./email/send";

/** The summary a run mirrors into the D1 `runs` index. */
export interface RunSummary {
  id: string;
  workflowId: string;
  workflowName: string;
  version: number | null;
  mode: "live" | "test";
  status: string;
  currentNodeIds: string[];
  /** The current node's name (or its type's label), null once the run ended. */
  currentStep: string | null;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  subject: { connector: string | null; objectId: string | null; name: string | null };
  stepCount: number;
  error: { message: string; code: string; nodeId?: string } | null;
  seq: number;
}

const RUN_UPSERT = `INSERT INTO runs (id, workflow_id, workflow_name, version, mode, status, current_node_ids, started_at, ended_at,
  duration_ms, subject_connector, subject_object_id, subject_name, step_count, error, seq, updated_at, current_step)
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
  ON CONFLICT(id) DO UPDATE SET workflow_name = excluded.workflow_name, status = excluded.status,
  current_node_ids = excluded.current_node_ids, current_step = excluded.current_step, ended_at = excluded.ended_at, duration_ms = excluded.duration_ms,
  subject_connector = excluded.subject_connector, subject_object_id = excluded.subject_object_id,
  subject_name = excluded.subject_name, step_count = excluded.step_count, error = excluded.error,
  seq = excluded.seq, updated_at = excluded.updated_at
  WHERE excluded.seq > runs.seq`;

function runValues(s: RunSummary) {
  return [
    s.id,
    s.workflowId,
    s.workflowName,
    s.version,
    s.mode,
    s.status,
    JSON.stringify(s.currentNodeIds),
    s.startedAt,
    s.endedAt,
    s.durationMs,
    s.subject.connector,
    s.subject.objectId,
    s.subject.name,
    s.stepCount,
    s.error ? JSON.stringify(s.error) : null,
    s.seq,
    new Date().toISOString(),
    s.currentStep ?? null,
  ];
}

function runStatement(db: D1Database, s: RunSummary) {
  return db.prepare(RUN_UPSERT).bind(...runValues(s));
}

/** The same upsert, made only if the event row `?19` exists (the claim in its batch won). */
const RUN_UPSERT_IF_CLAIMED = RUN_UPSERT.replace(/VALUES \(([^)]*)\)/, "SELECT $1 WHERE EXISTS (SELECT 1 FROM events WHERE id = ?19)");

/** A new run's first index row, written in the batch that claims its event, only if the claim won. */
export function runStatementIfClaimed(db: D1Database, s: RunSummary, claimId: string) {
  return db.prepare(RUN_UPSERT_IF_CLAIMED).bind(...runValues(s), claimId);
}

/** Builders for each kind of outbox row, so other modules (queue items) can add theirs. */
export const mirrorStatements: Record<string, (db: D1Database, payload: any) => D1PreparedStatement[]> = {
  run: (db, p: RunSummary) => [runStatement(db, p)],
  queue: (db, p) => [queueStatement(db, p)],
  account_csm: (db, p) => [accountWrites.csm.statement(db, p)],
  account_plan: (db, p) => [accountWrites.plan.statement(db, p)],
  email: (db, p) => [keptEmail.statement(db, p)],
};

/**
 * Sends every pending outbox row to D1 in one batch. Rows leave the outbox only once D1 has
 * accepted them; the caller re-arms a retry timer while anything is left.
 * Returns whether the outbox is now empty.
 */
export async function flushOutbox(db: D1Database, store: RunStore): Promise<boolean> {
  const rows = store.outbox();
  if (rows.length === 0) return true;
  const statements = rows.flatMap((r) => mirrorStatements[r.kind]?.(db, r.payload) ?? []);
  try {
    if (statements.length) await db.batch(statements);
    for (const r of rows) store.delivered(r.key, r.payload);
  } catch (e) {
    for (const r of rows) store.bumpOutbox(r.key);
    console.warn(JSON.stringify({ level: "warn", message: "mirror to D1 failed; will retry", error: (e as Error).message }));
  }
  return store.outbox().length === 0;
}
