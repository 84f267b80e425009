/**
 * `human.review`: someone checks the run's data and may correct the fields listed in
 * `editableFields` (paths such as `deal.arr`); corrections are written back into run data.
 */
import { z } from "zod";
import { getPath, setPath } from "../lib/path";
import type { FormError } from "../lib/form";
import { defineNode } from "./define";
import { buildQueueTask, completedBy, queueTaskShape } from "./human-common";
import { path } from "./schemas";

/** Config of `human.review` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  ...queueTaskShape,
  editableFields: z.array(path("Editable field")).max(50).optional(),
});

/** The form input type that fits the value currently at the path. */
function fieldType(value: unknown): "number" | "checkbox" | "textarea" | "text" {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "checkbox";
  return typeof value === "string" && value.length > 120 ? "textarea" : "text";
}

/** Keep the type of the value being corrected: an ARR stays a number, a flag a boolean. */
function coerceLike(current: unknown, next: unknown): { value: unknown } | { error: string } {
  if (typeof current === "number") {
    const n = typeof next === "number" ? next : typeof next === "string" && next.trim() !== "" ? Number(next) : Number.NaN;
    return Number.isFinite(n) ? { value: n } : { error: "must be a number" };
  }
  if (typeof current === "boolean") {
    if (typeof next === "boolean") return { value: next };
    if (next === "true" || next === "false") return { value: next === "true" };
    return { error: "must be true or false" };
  }
  if (next !== null && typeof next === "object") return { error: "must be a plain value" };
  return { value: next };
}

/** The `human.review` node type. */
export default defineNode({
  type: "human.review",
  category: "human",
  label: "Review",
  description: "Someone checks the data before the run goes on, and may correct chosen fields.",
  config,
  ports: ["done", "timeout"],
  async execute({ config: cfg, data, services }) {
    const fields = (cfg.editableFields ?? []).map((p) => ({ key: p, label: p, type: fieldType(getPath(data, p)), value: getPath(data, p) ?? null }));
    const { task, output } = buildQueueTask("review", cfg, data, services.now, { fields });
    return { kind: "wait_task", task, output: { ...output, editableFields: cfg.editableFields ?? [] } };
  },
  complete({ config: cfg, data, input }) {
    const allowed = new Set(cfg.editableFields ?? []);
    const submitted = input.data;
    if (submitted !== undefined && submitted !== null && (typeof submitted !== "object" || Array.isArray(submitted))) {
      return { ok: false, errors: [{ path: "", message: "Corrections must be an object of path → value" }] };
    }
    const errors: FormError[] = [];
    const edited: Record<string, unknown> = {};
    for (const [key, value] of Object.entries((submitted ?? {}) as Record<string, unknown>)) {
      if (!allowed.has(key)) {
        errors.push({ path: key, message: "This field cannot be edited in this review" });
        continue;
      }
      const current = getPath(data, key);
      if (JSON.stringify(current) === JSON.stringify(value)) continue;
      const result = coerceLike(current, value);
      if ("error" in result) errors.push({ path: key, message: `${key} ${result.error}` });
      else edited[key] = result.value;
    }
    if (errors.length) return { ok: false, errors };
    // Validate the writes now so the engine never meets a path it cannot set.
    for (const key of Object.keys(edited)) setPath({}, key, null);
    return {
      ok: true,
      port: "done",
      // The before/after of every corrected field stays in the run, so nobody has to guess what changed.
      output: {
        comment: input.comment ?? null,
        edited,
        changes: Object.entries(edited).map(([path, after]) => ({ path, before: getPath(data, path) ?? null, after })),
        reviewedBy: completedBy(input),
      },
      set: edited,
    };
  },
});
