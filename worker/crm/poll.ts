/**
 * The polling fallback, run by the cron handler: for each connector whose settings say
 * `polling: true`, ask the CRM for records changed since the stored cursor and feed them through
 * the same dedupe and matching as webhooks. The cursor only moves forward once every change up to
 * it was decided, so a CRM outage means "ask again next time", never "lost".
 */
import { and, eq, isNull } from "drizzle-orm";
import { createDb, schema } from "../db/client";
import { iso } from "../lib/time";
import { adapterFor, openConnector } from "./connector";
import { dispatchEvents, type DispatchEnv } from "./dispatch";
import { CrmError } from "./errors";
import { candidatesFor } from "./match";
import { readSettings } from "./settings";

export interface PollSummary {
  connectorId: string;
  events: number;
  started: number;
  cursor: string | null;
  error?: string;
}

export async function pollConnectors(env: DispatchEnv, now = Date.now()): Promise<PollSummary[]> {
  const db = createDb(env.DB);
  const rows = (await db.select().from(schema.connectors)).filter((r) => readSettings(r.settings).polling === true);
  const out: PollSummary[] = [];
  for (const row of rows) {
    const c = schema.connectors;
    // Moves the cursor only if no other poll moved it meanwhile (overlapping cron runs).
    const save = (set: Partial<typeof c.$inferInsert>) =>
      db.update(c).set({ ...set, updatedAt: iso(now) }).where(and(eq(c.id, row.id), row.pollCursor === null ? isNull(c.pollCursor) : eq(c.pollCursor, row.pollCursor)));
    try {
      const open = await openConnector(env, row);
      const active = (await candidatesFor(db, row.id)).filter((w) => w.status === "active");
      const databaseIds = active.map((w) => w.trigger.config.databaseId).filter((d): d is string => typeof d === "string" && d.length > 0);
      const anyDatabase = active.some((w) => w.trigger.type === "trigger.notion" && !w.trigger.config.databaseId);
      const { events, cursor } = await adapterFor(open).poll(row.pollCursor, { databaseIds, anyDatabase });
      const { results, retryLater } = await dispatchEvents(env, db, open, events, { now });
      const started = results.filter((r) => r.outcome === "started").length;
      if (retryLater) {
        await save({ lastError: `Polling: ${retryLater}` });
        out.push({ connectorId: row.id, events: events.length, started, cursor: row.pollCursor, error: retryLater });
      } else {
        await save({ pollCursor: cursor, lastError: null, ...(row.status === "error" ? { status: "connected" as const } : {}) });
        out.push({ connectorId: row.id, events: events.length, started, cursor });
      }
    } catch (e) {
      const message = e instanceof CrmError ? e.message : `Polling failed unexpectedly: ${(e as Error)?.message}`;
      const broken = e instanceof CrmError && (e.kind === "auth" || e.kind === "config" || e.kind === "forbidden");
      await save({ lastError: `Polling: ${message}`, ...(broken ? { status: "error" as const } : {}) });
      out.push({ connectorId: row.id, events: 0, started: 0, cursor: row.pollCursor, error: message });
    }
  }
  return out;
}
