/**
 * `ai.transform`: an instruction applied to an input, answered as an object with exactly the declared
 * fields (checked with a zod schema built from them). The fields land in `steps.<id>.<key>`.
 */
import { z } from "zod";
import { render } from "../lib/template";
import { NodeError } from "../types";
import { completeValidated } from "./ai-common";
import { defineNode } from "./define";
import { retryShape, template } from "./schemas";

const FIELD_TYPES = { string: z.string(), number: z.number(), boolean: z.boolean() } as const;

/** Config of `ai.transform` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  instruction: z.string().min(1).max(5000).meta({ title: "Instruction", "x-widget": "textarea" }),
  input: template("Input", undefined, { required: true }),
  fields: z
    .array(
      z.object({
        // `ai` holds the provider details in the output, so it is not a field name.
        key: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "Use letters, digits and _").refine((k) => k !== "ai", '"ai" is reserved'),
        type: z.enum(["string", "number", "boolean"]),
        description: z.string().max(500),
      }),
    )
    .min(1, "Declare at least one field")
    .max(30)
    .superRefine((fields, ctx) => {
      const seen = new Set<string>();
      fields.forEach((f, i) => {
        if (seen.has(f.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `Duplicate field "${f.key}"` });
        seen.add(f.key);
      });
    }),
  ...retryShape,
});

/** The exact-keys object schema an answer must satisfy. */
export function answerSchema(fields: { key: string; type: keyof typeof FIELD_TYPES }[]) {
  return z.strictObject(Object.fromEntries(fields.map((f) => [f.key, FIELD_TYPES[f.type]])));
}

/** The `ai.transform` node type. */
export default defineNode({
  type: "ai.transform",
  category: "ai",
  label: "AI transform",
  description: "Applies an instruction to an input and returns an object with the declared fields.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data, services }) {
    const input = render(cfg.input, data);
    if (input.errors.length) throw new NodeError(`Input: ${input.errors.join("; ")}`, "template_error", false);
    const schema = answerSchema(cfg.fields);
    const { value, meta } = await completeValidated(
      services,
      { task: "transform", prompt: cfg.instruction, input: input.text, fields: cfg.fields },
      (answer) => {
        const parsed = schema.safeParse(answer);
        if (parsed.success) return { ok: true, value: parsed.data };
        return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "answer"}: ${i.message}`).join("; ") };
      },
    );
    return { kind: "next", port: "out", output: { ...value, ai: meta, missing: input.missing } };
  },
});
