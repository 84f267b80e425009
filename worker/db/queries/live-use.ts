/**
 * Which workflow's runs would still use a template or a pool: what runs is the published version
 * of an active (or paused, whose runs resume) workflow, not its draft. Deleting something such a
 * version names would fail those runs at the step that reads it, so deletes ask here first.
 */
import { and, eq, inArray } from "drizzle-orm";
import { schema, type Database } from "../client";

/** The first active or paused workflow whose published version names `id`, or null. */
export async function liveWorkflowUsing(db: Database, id: string): Promise<{ name: string; status: string } | null> {
  const w = schema.workflows;
  const v = schema.workflowVersions;
  const live = await db
    .select({ name: w.name, status: w.status, definition: v.definition })
    .from(w)
    .innerJoin(v, and(eq(v.workflowId, w.id), eq(v.version, w.publishedVersion)))
    .where(inArray(w.status, ["active", "paused"]));
  // Ids are only ever config values: a quoted match in the definition's JSON is a reference.
  const user = live.find((row) => JSON.stringify(row.definition).includes(JSON.stringify(id)));
  return user ? { name: user.name, status: user.status } : null;
}
