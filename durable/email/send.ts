/**
 * Exactly-once e-mail. The outbox row, unique by idempotency key, is the ledger:
 *   1. insert-or-get the row (the outbox is always written);
 *   2. if it is meant for the HTTP provider and has no provider message id yet, deliver with the
 *      same key as `Idempotency-Key`;
 *   3. store the provider's message id on the row.
 * A retried step or a replay finds the id and sends nothing. A crash between 2 and 3 repeats the
 * call with the same key, which the provider deduplicates. Test runs stop after step 1.
 */
import { and, eq, isNull } from "drizzle-orm";
import { createDb, schema } from "../../worker/db/client";
import { newId } from "../../worker/lib/crypto";
import type { RunEnv } from "../env";
import { NodeError, type RunMode } from "../types";
import { resolveEmailConfig, type EmailProviderId } from "./config";
import { deliverEmail, type OutgoingEmail } from "./http-api";
import { readEmailChoice } from "./store";

export const EMAIL_TIMEOUT_MS = 15_000;

/** Whose e-mail this is: the key makes it unique; run and node link it back (null for a settings test). */
export interface EmailScope {
  key: string;
  runId: string | null;
  nodeId: string | null;
  mode: RunMode;
  now: number;
}

/** The outbox row of a sent (or kept) e-mail. */
export interface SentEmail {
  id: string;
  provider: EmailProviderId | string;
  providerMessageId: string | null;
}

/** Keep `msg` in the outbox and, for live e-mail with the HTTP provider active, deliver it once. */
export async function sendEmail(env: RunEnv, scope: EmailScope, msg: OutgoingEmail): Promise<SentEmail> {
  const db = createDb(env.DB);
  // Test runs never leave the outbox, so they do not even read the provider choice.
  const provider: EmailProviderId = scope.mode === "live" ? resolveEmailConfig(env, await readEmailChoice(env.DB)).provider : "outbox";
  // Keep (unless a replay already did) and read back in one D1 batch: the row that exists decides.
  const keep = db
    .insert(schema.outboxEmails)
    .values({
      id: newId("em_"),
      idempotencyKey: scope.key,
      to: msg.to,
      cc: msg.cc ?? null,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      runId: scope.runId,
      nodeId: scope.nodeId,
      mode: scope.mode,
      provider,
      createdAt: new Date(scope.now).toISOString(),
    })
    .onConflictDoNothing();
  const [, [row]] = await db.batch([keep, db.select().from(schema.outboxEmails).where(eq(schema.outboxEmails.idempotencyKey, scope.key))]);
  if (!row) throw new NodeError("The outbox row could not be read back", "email_outbox_failed", true);
  // The row, not today's settings, decides: an e-mail first kept as outbox-only stays so.
  if (row.provider !== "http" || row.providerMessageId) return { id: row.id, provider: row.provider, providerMessageId: row.providerMessageId };
  if (!env.EMAIL_API_URL || !env.EMAIL_API_KEY || !env.EMAIL_FROM) {
    throw new NodeError("This e-mail is due for the HTTP provider, which is no longer configured (EMAIL_API_URL, EMAIL_API_KEY, EMAIL_FROM)", "email_provider_unavailable", false);
  }
  // Deliver what the ledger holds: a repeat must carry the same payload as the first try.
  const { id } = await deliverEmail({ baseUrl: env.EMAIL_API_URL, apiKey: env.EMAIL_API_KEY, from: env.EMAIL_FROM, timeoutMs: EMAIL_TIMEOUT_MS }, { to: row.to, cc: row.cc, subject: row.subject, text: row.text, html: row.html ?? msg.html }, scope.key);
  await db
    .update(schema.outboxEmails)
    .set({ providerMessageId: id })
    .where(and(eq(schema.outboxEmails.id, row.id), isNull(schema.outboxEmails.providerMessageId)));
  return { id: row.id, provider: row.provider, providerMessageId: id };
}
