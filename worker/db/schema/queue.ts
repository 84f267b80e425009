import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { json } from "./common";

/**
 * The queue index: human tasks mirrored from their run objects. Claiming is decided here by a
 * conditional UPDATE (exactly one winner); completion is then handed to the run object.
 */
export const queueItems = sqliteTable(
  "queue_items",
  {
    id: text("id").primaryKey(),
    runId: text("run_id").notNull(),
    workflowId: text("workflow_id").notNull(),
    workflowName: text("workflow_name").notNull(),
    nodeId: text("node_id").notNull(),
    kind: text("kind", { enum: ["approval", "review", "form", "handoff", "assignment"] }).notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: ["open", "claimed", "completed", "expired", "cancelled"] }).notNull(),
    assigneeId: text("assignee_id"),
    poolId: text("pool_id"),
    assigneeEmail: text("assignee_email"),
    claimedBy: text("claimed_by"),
    claimedAt: text("claimed_at"),
    dueAt: text("due_at"),
    createdAt: text("created_at").notNull(),
    completedAt: text("completed_at"),
    completedBy: text("completed_by"),
    mode: text("mode", { enum: ["live", "test"] }).notNull(),
    subject: json<{ connector: string | null; objectId: string | null; name: string | null }>("subject"),
    form: json<unknown[]>("form"),
    context: json<Record<string, unknown>>("context"),
    seq: integer("seq").notNull().default(0),
  },
  (t) => [
    index("idx_queue_items_status_mode_due_at").on(t.status, t.mode, t.dueAt),
    index("idx_queue_items_assignee_id_status").on(t.assigneeId, t.status),
    index("idx_queue_items_pool_id_status").on(t.poolId, t.status),
    index("idx_queue_items_claimed_by_status").on(t.claimedBy, t.status),
    index("idx_queue_items_run_id").on(t.runId),
    index("idx_queue_items_workflow_id_status").on(t.workflowId, t.status),
    // The Queue Dashboard's lists read these in their sort order and stop after one page; the
    // columns the views filter on ride along, so rows are only fetched for the page itself.
    // Partial: the queries say `status IN (...)` with these exact literals (see ACTIVE/DONE in
    // worker/routes/queue.ts), or SQLite cannot use them. Measured by `npm run bench` (queue).
    index("idx_queue_items_active_due")
      .on(t.mode, sql`(CASE WHEN ${t.dueAt} IS NULL THEN '9999' ELSE ${t.dueAt} END)`, t.id, t.status, t.assigneeId, t.claimedBy, t.poolId, t.dueAt)
      .where(sql`${t.status} IN ('open', 'claimed')`),
    index("idx_queue_items_done_created")
      .on(t.mode, t.createdAt, t.id, t.assigneeId, t.claimedBy, t.poolId)
      .where(sql`${t.status} IN ('completed', 'expired', 'cancelled')`),
    // A person's open work: "My items" reads the assignee and the claimer index in sort order and
    // merges them (UNION ALL), where the index above walked every open item looking for theirs.
    // The counts read the same indexes, and the pool one, without touching the table.
    index("idx_queue_items_active_assignee")
      .on(t.assigneeId, t.mode, sql`(CASE WHEN ${t.dueAt} IS NULL THEN '9999' ELSE ${t.dueAt} END)`, t.id, t.status, t.claimedBy, t.poolId, t.dueAt)
      .where(sql`${t.status} IN ('open', 'claimed')`),
    index("idx_queue_items_active_claimer")
      .on(t.claimedBy, t.mode, sql`(CASE WHEN ${t.dueAt} IS NULL THEN '9999' ELSE ${t.dueAt} END)`, t.id, t.status, t.assigneeId, t.poolId, t.dueAt)
      .where(sql`${t.status} IN ('open', 'claimed')`),
    index("idx_queue_items_active_pool")
      .on(t.poolId, t.mode, t.status, t.dueAt, t.assigneeId, t.claimedBy)
      .where(sql`${t.status} IN ('open', 'claimed')`),
  ],
);

/** Single-use external form links: only the SHA-256 of the token is stored. */
export const formTokens = sqliteTable(
  "form_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    queueItemId: text("queue_item_id").notNull(),
    runId: text("run_id").notNull(),
    nodeId: text("node_id").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("idx_form_tokens_queue_item_id").on(t.queueItemId)],
);
