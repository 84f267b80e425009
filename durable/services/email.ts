import type { NodeServices, RunMode } from "../types";
import type { RunEnv } from "../env";
import { sendEmail } from "../email/send";

/**
 * E-mail for nodes: always kept in the outbox, keyed by the step's idempotency key (run id + node
 * id), and for live runs also delivered once through the HTTP provider when it is active
 * (durable/email/send.ts has the exactly-once rules). Test runs never leave the outbox.
 */
export function createEmailService(env: RunEnv, scope: { runId: string; nodeId: string; mode: RunMode; now: number; idempotencyKey: string }): NodeServices["email"] {
  return {
    async send(msg) {
      const sent = await sendEmail(env, { key: scope.idempotencyKey, runId: scope.runId, nodeId: scope.nodeId, mode: scope.mode, now: scope.now }, msg);
      return { id: sent.id, provider: sent.provider, providerMessageId: sent.providerMessageId };
    },
  };
}
