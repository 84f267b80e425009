/** `human.approval`: someone approves or rejects, with a comment; a due time can expire it. */
import { z } from "zod";
import { defineNode } from "./define";
import { buildQueueTask, completedBy, queueTaskShape } from "./human-common";

/** Config of `human.approval` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object(queueTaskShape);

/** The `human.approval` node type. */
export default defineNode({
  type: "human.approval",
  category: "human",
  label: "Approval",
  description: "Asks a person or a pool to approve or reject, with a comment and an optional due time.",
  config,
  ports: ["approved", "rejected", "timeout"],
  async execute({ config: cfg, data, services }) {
    const { task, output } = buildQueueTask("approval", cfg, data, services.now);
    return { kind: "wait_task", task, output };
  },
  complete({ input }) {
    if (input.decision !== "approve" && input.decision !== "reject") {
      return { ok: false, errors: [{ path: "decision", message: 'Choose "approve" or "reject"' }] };
    }
    const decision = input.decision === "approve" ? "approved" : "rejected";
    return {
      ok: true,
      port: decision,
      output: { decision, comment: input.comment ?? null, decidedBy: completedBy(input) },
    };
  },
});
