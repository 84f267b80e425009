import { index, integer, sqliteTable, text, real, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, json, updatedAt } from "./common";

export interface TemplateMilestone {
  name: string;
  offsetDays: number;
  tasks: { title: string; owner: "csm" | "customer"; offsetDays: number }[];
}

/** Onboarding templates: milestones with tasks, owners and day offsets. */
export const templates = sqliteTable("templates", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  milestones: json<TemplateMilestone[]>("milestones").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Onboarding accounts. One per (mode, source record): creating again updates (idempotent upsert).
 * Test-mode accounts are flagged by `mode` and hidden by default.
 */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    mode: text("mode", { enum: ["live", "test"] }).notNull(),
    name: text("name").notNull(),
    domain: text("domain"),
    arr: real("arr"),
    segment: text("segment"),
    region: text("region"),
    primaryContact: json<{ name: string | null; email: string | null }>("primary_contact"),
    sourceConnector: text("source_connector").notNull(),
    sourceObjectId: text("source_object_id").notNull(),
    sourceUrl: text("source_url"),
    csmId: text("csm_id"),
    csmReason: text("csm_reason"),
    /** A person chose this CSM (the account page, or an "Assign a CSM" task): automatic routing keeps them. */
    csmByHand: integer("csm_by_hand", { mode: "boolean" }).notNull().default(false),
    templateId: text("template_id"),
    templateSnapshot: json<Record<string, unknown>>("template_snapshot"),
    plan: json<unknown[]>("plan"),
    startDate: text("start_date"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("idx_accounts_mode_source").on(t.mode, t.sourceConnector, t.sourceObjectId),
    index("idx_accounts_domain").on(t.domain),
    index("idx_accounts_csm_id").on(t.csmId),
  ],
);

/** Which runs touched which account (an account lists its runs). */
export const accountRuns = sqliteTable(
  "account_runs",
  {
    accountId: text("account_id").notNull(),
    runId: text("run_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("idx_account_runs_account_id_run_id").on(t.accountId, t.runId)],
);

/** E-mails kept by the local outbox (always written; the default sink). */
export const outboxEmails = sqliteTable(
  "outbox_emails",
  {
    id: text("id").primaryKey(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    to: text("to").notNull(),
    cc: text("cc"),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    runId: text("run_id"),
    nodeId: text("node_id"),
    mode: text("mode", { enum: ["live", "test"] }).notNull(),
    provider: text("provider").notNull(),
    providerMessageId: text("provider_message_id"),
    createdAt: createdAt(),
  },
  (t) => [index("idx_outbox_emails_created_at").on(t.createdAt), index("idx_outbox_emails_run_id").on(t.runId)],
);

/** Small key/value settings (provider choices, seed marker). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: json<unknown>("value").notNull(),
  updatedAt: updatedAt(),
});
