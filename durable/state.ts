/**
 * The run object's own SQLite storage: a key/value header, the step journal, the timers table and
 * the outbox of index rows still to be mirrored into D1. Plain JSON rows only, enough to resume.
 */

export interface StepRow {
  seq: number;
  nodeId: string;
  nodeType: string;
  status: "running" | "completed" | "failed" | "paused" | "skipped";
  port: string | null;
  attempts: number;
  startedAt: number;
  endedAt: number | null;
  input: unknown;
  output: unknown;
  error: { message: string; code: string } | null;
  /** Engine time spent around the node (journal + control flow), for the per-step overhead figure. */
  overheadMs: number | null;
}

export interface TimerRow {
  id: string;
  nodeId: string;
  kind: string;
  at: number;
  payload: unknown;
}

export interface OutboxRow {
  key: string;
  kind: string;
  payload: unknown;
  attempts: number;
}

type Sql = SqlStorage;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS steps (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, node_id TEXT NOT NULL, node_type TEXT NOT NULL, status TEXT NOT NULL,
  port TEXT, attempts INTEGER NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER,
  input TEXT, output TEXT, error TEXT, overhead_ms REAL);
CREATE INDEX IF NOT EXISTS idx_steps_node_id ON steps(node_id);
CREATE TABLE IF NOT EXISTS timers (id TEXT PRIMARY KEY, node_id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL, payload TEXT);
CREATE INDEX IF NOT EXISTS idx_timers_at ON timers(at);
CREATE TABLE IF NOT EXISTS outbox (key TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0);
`;

const parse = (s: unknown) => (typeof s === "string" ? JSON.parse(s) : null);

export class RunStore {
  constructor(private sql: Sql) {
    sql.exec(SCHEMA);
  }

  get<T>(key: string): T | null {
    const row = this.sql.exec<{ v: string }>("SELECT v FROM kv WHERE k = ?", key).toArray()[0];
    return row ? (JSON.parse(row.v) as T) : null;
  }

  put(key: string, value: unknown) {
    this.sql.exec("INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v", key, JSON.stringify(value));
  }

  /** Opens a journal row for an attempt of a node and returns its sequence number. */
  beginStep(nodeId: string, nodeType: string, attempts: number, startedAt: number, input: unknown): number {
    const row = this.sql
      .exec<{ seq: number }>(
        "INSERT INTO steps (node_id, node_type, status, attempts, started_at, input) VALUES (?, ?, 'running', ?, ?, ?) RETURNING seq",
        nodeId,
        nodeType,
        attempts,
        startedAt,
        JSON.stringify(input ?? null),
      )
      .one();
    return row.seq;
  }

  finishStep(seq: number, f: { status: StepRow["status"]; port?: string | null; endedAt: number | null; output?: unknown; error?: unknown; attempts?: number; overheadMs?: number }) {
    this.sql.exec(
      "UPDATE steps SET status = ?, port = ?, ended_at = ?, output = ?, error = ?, attempts = COALESCE(?, attempts), overhead_ms = COALESCE(?, overhead_ms) WHERE seq = ?",
      f.status,
      f.port ?? null,
      f.endedAt,
      f.output === undefined ? null : JSON.stringify(f.output),
      f.error ? JSON.stringify(f.error) : null,
      f.attempts ?? null,
      f.overheadMs ?? null,
      seq,
    );
  }

  /** The latest journal row of a node (each node runs at most once per path: the graph is acyclic). */
  lastStep(nodeId: string): StepRow | null {
    const r = this.sql.exec("SELECT * FROM steps WHERE node_id = ? ORDER BY seq DESC LIMIT 1", nodeId).toArray()[0];
    return r ? toStep(r) : null;
  }

  steps(): StepRow[] {
    return this.sql.exec("SELECT * FROM steps ORDER BY seq").toArray().map(toStep);
  }

  addTimer(t: TimerRow) {
    this.sql.exec(
      "INSERT INTO timers (id, node_id, kind, at, payload) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET at = excluded.at, payload = excluded.payload",
      t.id,
      t.nodeId,
      t.kind,
      t.at,
      JSON.stringify(t.payload ?? null),
    );
  }

  removeTimer(id: string) {
    this.sql.exec("DELETE FROM timers WHERE id = ?", id);
  }

  removeTimersWhere(kindPrefix: string) {
    this.sql.exec("DELETE FROM timers WHERE kind LIKE ?", kindPrefix + "%");
  }

  timers(): TimerRow[] {
    return this.sql
      .exec("SELECT * FROM timers ORDER BY at")
      .toArray()
      .map((r) => ({ id: String(r.id), nodeId: String(r.node_id), kind: String(r.kind), at: Number(r.at), payload: parse(r.payload) }));
  }

  dueTimers(now: number): TimerRow[] {
    return this.timers().filter((t) => t.at <= now);
  }

  nextTimerAt(): number | null {
    const r = this.sql.exec<{ at: number | null }>("SELECT MIN(at) AS at FROM timers").one();
    return r.at ?? null;
  }

  /** Queues an index row for D1; a newer row for the same key replaces the older one. */
  enqueue(key: string, kind: string, payload: unknown) {
    this.sql.exec(
      "INSERT INTO outbox (key, kind, payload, attempts) VALUES (?, ?, ?, 0) ON CONFLICT(key) DO UPDATE SET payload = excluded.payload, kind = excluded.kind",
      key,
      kind,
      JSON.stringify(payload),
    );
  }

  outbox(): OutboxRow[] {
    return this.sql
      .exec("SELECT * FROM outbox")
      .toArray()
      .map((r) => ({ key: String(r.key), kind: String(r.kind), payload: parse(r.payload), attempts: Number(r.attempts) }));
  }

  /** Removes a delivered row unless it was replaced by a newer one meanwhile. */
  delivered(key: string, payload: unknown) {
    this.sql.exec("DELETE FROM outbox WHERE key = ? AND payload = ?", key, JSON.stringify(payload));
  }

  bumpOutbox(key: string) {
    this.sql.exec("UPDATE outbox SET attempts = attempts + 1 WHERE key = ?", key);
  }
}

function toStep(r: Record<string, SqlStorageValue>): StepRow {
  return {
    seq: Number(r.seq),
    nodeId: String(r.node_id),
    nodeType: String(r.node_type),
    status: r.status as StepRow["status"],
    port: (r.port as string | null) ?? null,
    attempts: Number(r.attempts),
    startedAt: Number(r.started_at),
    endedAt: r.ended_at == null ? null : Number(r.ended_at),
    input: parse(r.input),
    output: parse(r.output),
    error: parse(r.error),
    overheadMs: r.overhead_ms == null ? null : Number(r.overhead_ms),
  };
}
