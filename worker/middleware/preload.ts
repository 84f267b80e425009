import type { Context } from "hono";
import { desc, eq, sql } from "drizzle-orm";
import { batched, createDb, hot, schema } from "../db/client";
import type { WorkflowRow } from "../db/queries/workflows";
import type { QueueListRow } from "../db/queries/queue";
import { CountsQuery, ListQuery, countsQuery, listQuery, type CountsFilters, type ListFilters } from "../db/queries/queue-list";
import type { AppEnv, SessionUser } from "../env";
import { iso } from "../lib/time";
import { remember } from "../lib/bounded-map";

/**
 * Reads that ride in the session check's D1 batch, so that the route's own read costs no round
 * trip of its own. They are read before the role check and used only by the handlers behind it;
 * a handler takes them once, before it writes anything.
 *
 * - A request about one workflow (the builder's load, save, validate, publish, test run) gets the
 *   workflow's row and version list.
 * - A Queue Dashboard listing or count depends on who asks (their id, role and pools), which the
 *   batch is about to tell. The isolate remembers who each session belonged to when it last
 *   checked it and reads that person's listing; the answer is used only if the session's own rows,
 *   read in the same batch, name the same user with the same role and pools — otherwise the route
 *   reads it again. The guess decides which query is read, never what anyone may see.
 */
export interface Preloaded {
  workflow?: { id: string; row: WorkflowRow | null; versions: { version: number; publishedAt: string; publishedBy: string | null }[] };
  /** With the filters it was read for: the route uses it only for the same ones. */
  queueList?: { filters: ListFilters; rows: QueueListRow[] };
  queueCounts?: { filters: CountsFilters; rows: { open: number; claimedByMe: number; overdue: number; assignedToMe: number }[] };
}

const WORKFLOW_PATH = /^\/api\/workflows\/(wf_[A-Za-z0-9_-]{1,40})(?:\/|$)/;
const WORKFLOW = hot((db) => db.select().from(schema.workflows).where(eq(schema.workflows.id, sql.placeholder("id"))));
const v = schema.workflowVersions;
const VERSIONS = hot((db) =>
  db.select({ version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy }).from(v).where(eq(v.workflowId, sql.placeholder("id"))).orderBy(desc(v.version)),
);

/** Who each session belonged to when this isolate last checked it (a guess only; see above). */
const lastSeen = new Map<string, SessionUser>();
const LAST_SEEN_MAX = 500;

export function rememberSessionUser(sessionId: string, user: SessionUser) {
  remember(lastSeen, sessionId, user, LAST_SEEN_MAX);
}

const samePools = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
const samePerson = (a: SessionUser, b: SessionUser) => a.id === b.id && a.role === b.role && samePools(a.poolIds, b.poolIds);

interface Ride {
  statements: D1PreparedStatement[];
  /** What the route may use, given the session's own user (read in the same batch). */
  read(results: D1Result[], user: SessionUser): Preloaded;
}

export function preloadFor(c: Context<AppEnv>, sessionId: string): Ride | null {
  const path = c.req.path;
  const m = WORKFLOW_PATH.exec(path);
  if (m) {
    const id = m[1]!;
    return {
      statements: [WORKFLOW.statement(c.env.DB, { id }), VERSIONS.statement(c.env.DB, { id })],
      read: ([workflow, versions]) => ({ workflow: { id, row: WORKFLOW.rows(workflow!)[0] ?? null, versions: VERSIONS.rows(versions!) } }),
    };
  }
  if (c.req.method !== "GET" || (path !== "/api/queue" && path !== "/api/queue/counts")) return null;
  const guess = lastSeen.get(sessionId);
  if (!guess) return null;
  const db = createDb(c.env.DB);
  const now = iso();
  const search = c.req.query();
  if (path === "/api/queue") {
    const f = ListQuery.safeParse(search);
    if (!f.success) return null;
    const q = batched(c.env.DB, listQuery(db, f.data, guess, now));
    return { statements: [q.statement], read: ([r], user) => (samePerson(user, guess) ? { queueList: { filters: f.data, rows: q.rows(r!) as QueueListRow[] } } : {}) };
  }
  const f = CountsQuery.safeParse(search);
  if (!f.success) return null;
  const q = batched(c.env.DB, countsQuery(db, guess, f.data.mode, now));
  return { statements: [q.statement], read: ([r], user) => (samePerson(user, guess) ? { queueCounts: { filters: f.data, rows: q.rows(r!) } } : {}) };
}
