/**
 * `ai.classify`: put the input into one of the declared labels, with confidence and reason. Each
 * label is a port; with `minConfidence`, a less certain answer takes the `review` port instead.
 */
import { z } from "zod";
import { render } from "../lib/template";
import { NodeError } from "../types";
import { completeValidated } from "./ai-common";
import { defineNode } from "./define";
import { retryShape, template } from "./schemas";

const labelId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Use letters, digits, _ and -");

/** Config of `ai.classify` as in API.md "Node configs" (optional extras documented per field). */
export const config = z
  .object({
    input: template("Input", undefined, { required: true }),
    labels: z
      .array(
        z.object({
          id: labelId,
          description: z.string().max(500),
          // Sample inputs that belong to the label: they sharpen both the models and the built-in scorer.
          examples: z.array(z.string().max(500)).max(20).optional().meta({ title: "Examples", description: "Sample inputs for this label" }),
        }),
      )
      .min(2, "Declare at least two labels")
      .max(20),
    minConfidence: z.number().min(0).max(1).optional().meta({ title: "Minimum confidence", description: "Below it, take the review port" }),
    instruction: z.string().max(5000).optional().meta({ title: "Extra instruction", "x-widget": "textarea" }),
    ...retryShape,
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.labels.forEach((l, i) => {
      if (seen.has(l.id)) ctx.addIssue({ code: "custom", path: ["labels", i, "id"], message: `Duplicate label "${l.id}"` });
      if (l.id === "review" && cfg.minConfidence !== undefined) {
        ctx.addIssue({ code: "custom", path: ["labels", i, "id"], message: '"review" is the low-confidence port; rename the label' });
      }
      seen.add(l.id);
    });
  });

const answer = z.object({
  label: z.string(),
  confidence: z.number().min(0).max(1).nullable().optional(),
  reason: z.string().nullable().optional(),
});

/** The `ai.classify` node type. */
export default defineNode({
  type: "ai.classify",
  category: "ai",
  label: "AI classify",
  description: "Classifies the input into one of the declared labels, with confidence and reason.",
  config,
  ports: (cfg) => [...cfg.labels.map((l) => l.id), ...(cfg.minConfidence !== undefined ? ["review"] : [])],
  dynamicPorts: { dynamic: true, from: "labels", fixed: [], when: { review: "minConfidence" } },
  async execute({ config: cfg, data, services }) {
    const input = render(cfg.input, data);
    if (input.errors.length) throw new NodeError(`Input: ${input.errors.join("; ")}`, "template_error", false);
    const ids = cfg.labels.map((l) => l.id);
    const prompt = `${cfg.instruction ? `${cfg.instruction}\n\n` : ""}Classify the input into exactly one of these labels: ${ids.join(", ")}. Answer as JSON {"label", "confidence" (0 to 1), "reason"}.`;
    const { value, meta } = await completeValidated(services, { task: "classify", prompt, input: input.text, labels: cfg.labels }, (raw) => {
      const parsed = answer.safeParse(raw);
      if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "answer"}: ${i.message}`).join("; ") };
      const id = ids.find((l) => l.toLowerCase() === parsed.data.label.trim().toLowerCase());
      if (!id) return { ok: false, error: `"${parsed.data.label}" is not one of ${ids.join(", ")}` };
      return { ok: true, value: { label: id, confidence: parsed.data.confidence ?? null, reason: parsed.data.reason ?? null } };
    });
    const unsure = cfg.minConfidence !== undefined && (value.confidence === null || value.confidence < cfg.minConfidence);
    return {
      kind: "next",
      port: unsure ? "review" : value.label,
      output: { ...value, needsReview: unsure, ai: meta, missing: input.missing },
    };
  },
});
