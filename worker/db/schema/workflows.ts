import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { bool, createdAt, json, updatedAt } from "./common";

export type WorkflowStatus = "draft" | "active" | "paused" | "archived";

/** A workflow and its editable draft; published versions are immutable rows below. */
export const workflows = sqliteTable(
  "workflows",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: ["draft", "active", "paused", "archived"] }).notNull(),
    draft: json<{ nodes: unknown[]; edges: unknown[] }>("draft").notNull(),
    publishedVersion: integer("published_version"),
    /** sha256 of the draft as last published: publishing an unchanged draft is refused, not versioned again. */
    publishedDraftHash: text("published_draft_hash"),
    reenroll: bool("reenroll").notNull().default(false),
    /** Denormalised from the published version's trigger, so webhooks find candidates by index. */
    triggerType: text("trigger_type"),
    triggerConnectorId: text("trigger_connector_id"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("idx_workflows_status").on(t.status),
    index("idx_workflows_trigger_connector_id_status").on(t.triggerConnectorId, t.status),
  ],
);

export const workflowVersions = sqliteTable(
  "workflow_versions",
  {
    workflowId: text("workflow_id").notNull().references(() => workflows.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: json<{ nodes: unknown[]; edges: unknown[] }>("definition").notNull(),
    publishedAt: text("published_at").notNull(),
    publishedBy: text("published_by"),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.version] })],
);
