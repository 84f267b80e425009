import { sql } from "drizzle-orm";
import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, createdAt, json, updatedAt } from "./common";

/** CRM connections. Credentials are AES-GCM ciphertext; they never leave the Worker in clear. */
export const connectors = sqliteTable("connectors", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["hubspot", "salesforce", "notion"] }).notNull(),
  name: text("name").notNull(),
  status: text("status", { enum: ["connected", "error", "pending"] }).notNull(),
  mode: text("mode", { enum: ["live", "demo"] }).notNull(),
  credentialsEnc: text("credentials_enc").notNull(),
  /** Notion's verification token (encrypted), kept from the handshake. */
  verificationTokenEnc: text("verification_token_enc"),
  lastEventAt: text("last_event_at"),
  lastError: text("last_error"),
  pollCursor: text("poll_cursor"),
  settings: json<Record<string, unknown>>("settings"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Every webhook delivery and polled change, with what it led to. The first delivery of an event
 * claims its key (unique among `started`/`ignored` rows); a redelivery is logged as its own
 * `duplicate` row with the same key, and `rejected` rows (bad signature) claim nothing.
 */
export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    connectorId: text("connector_id").notNull(),
    receivedAt: text("received_at").notNull(),
    eventKey: text("event_key").notNull(),
    type: text("type").notNull(),
    objectId: text("object_id"),
    verified: bool("verified").notNull(),
    outcome: text("outcome", { enum: ["started", "duplicate", "ignored", "rejected"] }).notNull(),
    reason: text("reason"),
    runIds: json<string[]>("run_ids").notNull(),
  },
  (t) => [
    uniqueIndex("idx_events_connector_id_event_key").on(t.connectorId, t.eventKey).where(sql`outcome IN ('started', 'ignored')`),
    index("idx_events_connector_id_received_at").on(t.connectorId, t.receivedAt),
  ],
);
