import { desc, eq } from "drizzle-orm";
import { schema, type Database } from "../db/client";
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

export function preloadFor(db: Database, path: string) {
  const m = WORKFLOW_PATH.exec(path);
  if (!m) return null;
  const id = m[1]!;
  const v = schema.workflowVersions;
  return {
    queries: [
      db.select().from(schema.workflows).where(eq(schema.workflows.id, id)),
      db.select({ version: v.version, publishedAt: v.publishedAt, publishedBy: v.publishedBy }).from(v).where(eq(v.workflowId, id)).orderBy(desc(v.version)),
    ] as const,
    read: ([rows, versions]: unknown[]): Preloaded => ({
      workflowId: id,
      workflow: (rows as WorkflowRow[])[0] ?? null,
      versions: versions as Preloaded["versions"],
    }),
  };
}
