import { eq } from "drizzle-orm";
import { createDb, schema } from "../../worker/db/client";
import { newId } from "../../worker/lib/crypto";
import { iso } from "../../worker/lib/time";
import type { NodeServices, RunMode } from "../types";
import type { RunEnv } from "../env";

/**
 * E-mail: always written to the outbox, keyed by the step's idempotency key so a retried step or
 * a replay never stores or sends twice. (An HTTP provider for live runs comes with the providers issue.)
 */
export function createEmailService(env: RunEnv, scope: { runId: string; nodeId: string; mode: RunMode; now: number; idempotencyKey: string }): NodeServices["email"] {
  const db = createDb(env.DB);
  return {
    async send(msg) {
      await db
        .insert(schema.outboxEmails)
        .values({
          id: newId("em_"),
          idempotencyKey: scope.idempotencyKey,
          to: msg.to,
          cc: msg.cc ?? null,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          runId: scope.runId,
          nodeId: scope.nodeId,
          mode: scope.mode,
          provider: "outbox",
          createdAt: iso(scope.now),
        })
        .onConflictDoNothing();
      const row = await db.select().from(schema.outboxEmails).where(eq(schema.outboxEmails.idempotencyKey, scope.idempotencyKey)).get();
      return { id: row!.id, provider: row!.provider };
    },
  };
}
