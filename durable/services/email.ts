import type { NodeServices, RunMode } from "../types";
import type { RunEnv } from "../env";
import { emailProviderFor, keptEmail, outboxEmailRow, sendEmail } from "../email/send";

/**
 * E-mail for nodes: always kept in the outbox, keyed by the step's idempotency key (run id + node
 * id), and for live runs also delivered once through the HTTP provider when it is active
 * (durable/email/send.ts has the exactly-once rules). Test runs never leave the outbox.
 * An e-mail meant only for the outbox is queued in the run's own outbox and reaches D1 with the
 * run's next index write — the step journals it first, so it is never lost, and a run that
 * e-mails saves a D1 round trip.
 */
export function createEmailService(
  env: RunEnv,
  scope: { runId: string; nodeId: string; mode: RunMode; now: number; idempotencyKey: string; later: (key: string, kind: string, payload: unknown) => void },
): NodeServices["email"] {
  return {
    async send(msg) {
      const emailScope = { key: scope.idempotencyKey, runId: scope.runId, nodeId: scope.nodeId, mode: scope.mode, now: scope.now };
      const provider = await emailProviderFor(env, scope.mode);
      if (provider === "outbox") {
        const row = await outboxEmailRow(emailScope, msg, provider);
        scope.later(keptEmail.key(row), "email", row);
        return { id: row.id, provider, providerMessageId: null };
      }
      const sent = await sendEmail(env, emailScope, msg, provider);
      return { id: sent.id, provider: sent.provider, providerMessageId: sent.providerMessageId };
    },
  };
}
