import type { OutboxEmail } from "../../lib/api-types";

/** The sender line: the configured address, or why there is none. */
export function senderOf(e: OutboxEmail): string {
  if (e.from) return e.from;
  return e.provider === "http" ? "No sender set (EMAIL_FROM is no longer configured)" : "Outbox only — not delivered";
}

/** Where the e-mail went, in words. */
export function deliveryOf(e: OutboxEmail): string {
  if (e.mode === "test") return "Test e-mail — kept in the outbox, never delivered";
  if (e.provider === "outbox") return "Kept in the outbox — no e-mail provider was chosen, so it was not delivered";
  if (e.provider === "http") return e.providerMessageId ? `Delivered by the e-mail API (message ${e.providerMessageId})` : "Not delivered — the e-mail API has not accepted it yet";
  return `Sent via ${e.provider}`;
}

/** A run's label: its workflow and the record it is about. */
export function runLabel(e: OutboxEmail): string | null {
  if (!e.run) return null;
  const record = e.run.subject.name ?? e.run.subject.objectId;
  return record ? `${e.run.workflowName} · ${record}` : e.run.workflowName;
}

/**
 * The step an e-mail came from, in words. Notices the run sends for a human step are keyed
 * `<step>:assigned:<userId>`, `<step>:handoff`, `<step>:remind:<n>:<to>` and `<step>:escalate:<to>`
 * (durable/run.ts): the step and what kind of notice it was, never the raw key with a user id in it.
 */
export function stepOf(nodeId: string): string {
  const [step, kind, n] = nodeId.split(":");
  const notice =
    kind === "assigned" ? "assignment notice" : kind === "handoff" ? "handoff link" : kind === "remind" ? `reminder${n ? ` ${n}` : ""}` : kind === "escalate" ? "escalation" : null;
  return notice ? `step ${step} (${notice})` : `step ${step}`;
}
