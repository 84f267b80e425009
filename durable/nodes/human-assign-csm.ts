/**
 * `human.assign_csm`: a person picks the CSM by hand in the queue (optionally among a pool's
 * members). Output `{csmId}`; the caller passes the chosen user as `csm`, which becomes run data
 * `csm` — and, because only the run object has services at completion time, it also records the
 * assignment on the account (`accounts.setCsm`).
 */
import { z } from "zod";
import { defineNode } from "./define";
import { buildQueueTask, completedBy, queueTaskShape } from "./human-common";
import { refId, template, AssigneeSchema } from "./schemas";

/** Config of `human.assign_csm` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  title: template("Title", 300, { required: true }),
  assignee: AssigneeSchema,
  // Not who works the item (that is the assignee) but whom they may pick: said so in the inspector.
  poolId: refId.optional().meta({ title: "CSMs to choose from", description: "The person picks the CSM among this pool's members; leave empty to offer every active user.", "x-widget": "pool" }),
  instructions: queueTaskShape.instructions,
  dueInHours: queueTaskShape.dueInHours,
  remindEveryHours: queueTaskShape.remindEveryHours,
  escalateAfterHours: queueTaskShape.escalateAfterHours,
  escalateTo: queueTaskShape.escalateTo,
});

/** The `human.assign_csm` node type. */
export default defineNode({
  type: "human.assign_csm",
  category: "human",
  label: "Assign CSM by hand",
  description: "Puts the account in the queue so a person picks its CSM.",
  config,
  ports: ["done", "timeout"],
  async execute({ config: cfg, data, services }) {
    const fields = [{ key: "userId", label: "CSM", type: "user", required: true, ...(cfg.poolId ? { poolId: cfg.poolId } : {}) }];
    const { task, output } = buildQueueTask("assignment", cfg, data, services.now, { fields });
    return { kind: "wait_task", task, output: { ...output, poolId: cfg.poolId ?? null } };
  },
  complete({ input }) {
    const fromData = input.data && typeof input.data === "object" ? (input.data as Record<string, unknown>).userId : undefined;
    const csmId = input.csm?.id ?? (typeof fromData === "string" && fromData.trim() ? fromData.trim() : null);
    if (!csmId) return { ok: false, errors: [{ path: "userId", message: "Choose a CSM" }] };
    const csm = input.csm ? { id: input.csm.id, name: input.csm.name, email: input.csm.email } : null;
    return {
      ok: true,
      port: "done",
      output: { csmId, csm, comment: input.comment ?? null, assignedBy: completedBy(input) },
      ...(csm ? { set: { csm } } : {}),
    };
  },
});
