/** `human.form`: typed data entry in the queue; answers land in `steps.<id>.data` (and `saveAs`). */
import { z } from "zod";
import { FieldListSchema, validateFormData } from "../lib/form";
import { defineNode } from "./define";
import { buildQueueTask, completedBy, queueTaskShape } from "./human-common";
import { path } from "./schemas";

/** Config of `human.form` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  ...queueTaskShape,
  fields: FieldListSchema.min(1, "Add at least one field"),
  saveAs: path("Also save answers at").optional(),
});

/** The `human.form` node type. */
export default defineNode({
  type: "human.form",
  category: "human",
  label: "Form",
  description: "Someone fills in a typed form; the answers join the run's data.",
  config,
  ports: ["done", "timeout"],
  async execute({ config: cfg, data, services }) {
    const { task, output } = buildQueueTask("form", cfg, data, services.now, { fields: cfg.fields });
    return { kind: "wait_task", task, output };
  },
  complete({ config: cfg, input, now }) {
    const result = validateFormData(cfg.fields, input.data, now);
    if (!result.ok) return { ok: false, errors: result.errors };
    return {
      ok: true,
      port: "done",
      output: { data: result.value, comment: input.comment ?? null, submittedBy: completedBy(input) },
      ...(cfg.saveAs ? { set: { [cfg.saveAs]: result.value } } : {}),
    };
  },
});
