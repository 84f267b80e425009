/**
 * The runtime check of a NodeOutcome. Node code is ours, but outcomes also cross the journal and the
 * run object's RPC, so the engine checks the shape instead of trusting it (a bad one fails the step).
 */
import { z } from "zod";
import type { NodeOutcome } from "./types";

const record = z.record(z.string(), z.unknown());
const error = z.object({ message: z.string(), code: z.string() });
const assignee = z.object({ userId: z.string().optional(), poolId: z.string().optional(), email: z.string().optional() });

const task = z.looseObject({
  kind: z.enum(["approval", "review", "form", "handoff", "assignment"]),
  title: z.string(),
  assignee,
  dueAt: z.number().nullable().optional(),
  expiresAt: z.number().nullable().optional(),
});

/** NodeOutcome (durable/types.ts) as a zod schema. */
export const NodeOutcomeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("next"), port: z.string().min(1), output: record, set: record.optional() }),
  z.object({ kind: z.literal("wait_timer"), until: z.number(), port: z.string().min(1).optional(), output: record.optional() }),
  z.object({ kind: z.literal("wait_task"), task, output: record.optional() }),
  z.object({ kind: z.literal("end"), status: z.enum(["completed", "failed"]), reason: z.string().optional(), output: record.optional() }),
  z.object({ kind: z.literal("fail"), error, retryable: z.boolean(), retryAfterMs: z.number().nonnegative().optional() }),
]);

/** The outcome when it is well-formed, else a non-retryable `invalid_outcome` failure. */
export function checkOutcome(outcome: unknown): NodeOutcome {
  const parsed = NodeOutcomeSchema.safeParse(outcome);
  if (parsed.success) return parsed.data as NodeOutcome;
  const issue = parsed.error.issues[0];
  return {
    kind: "fail",
    error: { code: "invalid_outcome", message: `The step returned a malformed result (${issue.path.join(".") || "outcome"}: ${issue.message})` },
    retryable: false,
  };
}
