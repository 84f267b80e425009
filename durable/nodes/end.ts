/** `end`: finish the run, completed or failed with a reason. */
import { z } from "zod";
import { defineNode } from "./define";

/** Config of `end` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  outcome: z.enum(["completed", "failed"]).optional().meta({ title: "Outcome" }),
  reason: z.string().max(500).optional().meta({ title: "Reason" }),
});

/** The `end` node type. */
export default defineNode({
  type: "end",
  category: "end",
  label: "End",
  description: "Finishes the run as completed, or as failed with a reason.",
  config,
  ports: [],
  async execute({ config: cfg }) {
    const status = cfg.outcome ?? "completed";
    return { kind: "end", status, reason: cfg.reason, output: { outcome: status, reason: cfg.reason ?? null } };
  },
});
