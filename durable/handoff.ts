import { createDb, schema } from "../worker/db/client";
import { randomToken, sha256Hex } from "../worker/lib/crypto";
import { iso } from "../worker/lib/time";
import type { RunEnv } from "./env";

/**
 * Creates a single-use link for an external form: 256 random bits in the URL, only its SHA-256 in
 * D1. The raw token exists only in the e-mail sent to the recipient.
 */
export async function createFormLink(env: RunEnv, t: { queueItemId: string; runId: string; nodeId: string; expiresAt: number; now: number }) {
  const token = randomToken();
  await createDb(env.DB)
    .insert(schema.formTokens)
    .values({ tokenHash: await sha256Hex(token), queueItemId: t.queueItemId, runId: t.runId, nodeId: t.nodeId, expiresAt: iso(t.expiresAt), createdAt: iso(t.now) });
  const base = (env.APP_URL || "http://localhost:8787").replace(/\/$/, "");
  return `${base}/forms/${token}`;
}
