import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { json } from "./common";

/**
 * The runs index: a summary each RunObject mirrors here for listing and filtering.
 * The object is the source of truth; `seq` only ever grows, so a late mirror write never
 * overwrites a newer one.
 */
export const runs = sqliteTable(
  "runs",
  {
    id: text("id").primaryKey(),
    workflowId: text("workflow_id").notNull(),
    workflowName: text("workflow_name").notNull(),
    version: integer("version"),
    mode: text("mode", { enum: ["live", "test"] }).notNull(),
    status: text("status", { enum: ["running", "paused", "completed", "failed", "cancelled"] }).notNull(),
    currentNodeIds: json<string[]>("current_node_ids").notNull(),
    /** The current step's name as the builder shows it, so lists need not load the definition. */
    currentStep: text("current_step"),
    startedAt: text("started_at").notNull(),
    endedAt: text("ended_at"),
    durationMs: integer("duration_ms"),
    subjectConnector: text("subject_connector"),
    subjectObjectId: text("subject_object_id"),
    subjectName: text("subject_name"),
    stepCount: integer("step_count").notNull().default(0),
    error: json<{ message: string; code: string; nodeId?: string }>("error"),
    seq: integer("seq").notNull().default(0),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("idx_runs_started_at").on(t.startedAt),
    index("idx_runs_workflow_id_started_at").on(t.workflowId, t.startedAt),
    index("idx_runs_status_started_at").on(t.status, t.startedAt),
    index("idx_runs_mode_started_at").on(t.mode, t.startedAt),
    index("idx_runs_workflow_id_subject").on(t.workflowId, t.subjectConnector, t.subjectObjectId),
  ],
);
