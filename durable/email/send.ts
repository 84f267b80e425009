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
import { batched, createDb, schema } from "../../worker/db/client";
import { sha256Hex } from "../../worker/lib/crypto";
import type { RunEnv } from "../env";
import { NodeError, type RunMode } from "../types";
import { emailOptions, resolveEmailConfig, type EmailProviderId } from "./config";
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

/**
 * The provider a new e-mail of this scope is meant for. Test runs never leave the outbox, and
 * without the HTTP provider configured nothing else can be chosen, so neither reads the choice.
 */
export async function emailProviderFor(env: RunEnv, mode: RunMode): Promise<EmailProviderId> {
  if (mode !== "live" || !emailOptions(env).some((o) => o.provider === "http" && o.configured)) return "outbox";
  return resolveEmailConfig(env, await readEmailChoice(env.DB)).provider;
}

/** An outbox row as stored: plain JSON, so a run can also queue it in its own outbox. */
export type OutboxEmailRow = typeof schema.outboxEmails.$inferInsert & { id: string; createdAt: string };

/**
 * The row that keeps `msg`. Its id is derived from the idempotency key, so every attempt of one
 * step names the same e-mail, whichever attempt's row reached D1 first.
 */
export async function outboxEmailRow(scope: EmailScope, msg: OutgoingEmail, provider: EmailProviderId): Promise<OutboxEmailRow> {
  return {
    id: "em_" + (await sha256Hex(scope.key)).slice(0, 32),
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
  };
}

/**
 * An outbox-only e-mail needs no answer from D1, so a run queues its row with its next index
 * write (durable/mirror.ts) instead of a round trip of its own. Insert-or-ignore: a replayed step
 * queues the same row again, and the first one kept stands.
 */
export const keptEmail = {
  key: (row: OutboxEmailRow) => `email:${row.idempotencyKey}`,
  statement: (d1: D1Database, row: OutboxEmailRow) => batched(d1, createDb(d1).insert(schema.outboxEmails).values(row).onConflictDoNothing()).statement,
};

/**
 * Keep `msg` in the outbox now and, for live e-mail with the HTTP provider active, deliver it
 * once. `provider` is the one emailProviderFor chose, when the caller already asked.
 */
export async function sendEmail(env: RunEnv, scope: EmailScope, msg: OutgoingEmail, provider?: EmailProviderId): Promise<SentEmail> {
  const db = createDb(env.DB);
  provider ??= await emailProviderFor(env, scope.mode);
  // Keep (unless a replay already did) and read back in one D1 batch: the row that exists decides.
  const keep = db
    .insert(schema.outboxEmails)
    .values(await outboxEmailRow(scope, msg, provider))
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
