/**
 * `action.set_data`: set fields in the run's data. A value that is exactly one tag (`{{deal.arr}}`)
 * copies the raw typed value (a number stays a number, an object stays an object); anything else is
 * rendered as text.
 */
import { z } from "zod";
import { getPath, isSafePath } from "../lib/path";
import { exactPath, render } from "../lib/template";
import { NodeError } from "../types";
import { defineNode } from "./define";
import { retryShape, template } from "./schemas";

/** Where a value may go: any safe path except `steps`, which belongs to the engine. */
export function isWritablePath(p: string): boolean {
  return isSafePath(p) && p !== "steps" && !p.startsWith("steps.");
}

const target = z.string().max(300).refine(isWritablePath, { message: "Not a writable path (dotted names; steps.* is reserved)" });

/** Config of `action.set_data` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  values: z
    .record(target, template("Value", 5000))
    .refine((v) => Object.keys(v).length > 0, "Add at least one value")
    .meta({ title: "Values", "x-widget": "path-template-map" }),
  ...retryShape,
});

/** The `action.set_data` node type. */
export default defineNode({
  type: "action.set_data",
  category: "action",
  label: "Set data",
  description: "Sets fields in the run's data from templates, for later steps to use.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data }) {
    const set: Record<string, unknown> = {};
    const missing = new Set<string>();
    for (const [p, tpl] of Object.entries(cfg.values)) {
      const ref = exactPath(tpl);
      if (ref) {
        const value = getPath(data, ref);
        if (value === undefined || value === null) missing.add(ref);
        set[p] = value ?? null;
        continue;
      }
      const rendered = render(tpl, data);
      if (rendered.errors.length) throw new NodeError(`${p}: ${rendered.errors.join("; ")}`, "template_error", false);
      rendered.missing.forEach((m) => missing.add(m));
      set[p] = rendered.text;
    }
    return { kind: "next", port: "out", output: { set, missing: [...missing] }, set };
  },
});
