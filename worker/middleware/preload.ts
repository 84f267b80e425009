import { desc, eq, sql } from "drizzle-orm";
import { hot, schema } from "../db/client";
import type { WorkflowRow } from "../db/queries/workflows";

/**
 * Reads that ride in the session check's D1 batch. A request about one workflow (the builder's
 * load, save, validate, publish, test run) gets the workflow's row and version list with its
 * session: one D1 round trip, not two or three. They are read before the role check, and only the
 * handlers behind that check use them; a handler takes them once, before it writes anything.
 */
const WORKFLOW_PATH = /^\/api\/workflows\/(wf_[A-Za-z0-9_-]{1,40})(?:\/|$)/;

export interface Preloaded {
  workflowId: string;
  workflow: WorkflowRow | null;
  versions: { version: number; publishedAt: string; publishedBy: string | null }[];
}

const WORKFLOW = hot((db) => db.select().from(schema.workflows).where(eq(schema.workflows.id, sql.placeholder("id"))));
const v = schema.workflowVersions;
const VERSIONS = hot((db) =>
  db.select({ version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy }).from(v).where(eq(v.workflowId, sql.placeholder("id"))).orderBy(desc(v.version)),
);

export function preloadFor(path: string) {
  const m = WORKFLOW_PATH.exec(path);
  if (!m) return null;
  const id = m[1]!;
  return {
    statements: (d1: D1Database) => [WORKFLOW.statement(d1, { id }), VERSIONS.statement(d1, { id })],
    read: ([workflow, versions]: D1Result[]): Preloaded => ({ workflowId: id, workflow: WORKFLOW.rows(workflow!)[0] ?? null, versions: VERSIONS.rows(versions!) }),
  };
}
