/** `ai.generate`: a prompt template to text (e.g. a welcome e-mail body), cut to `maxWords`. */
import { z } from "zod";
import { render } from "../lib/template";
import { NodeError } from "../types";
import { completeValidated } from "./ai-common";
import { defineNode } from "./define";
import { retryShape, template } from "./schemas";

/** Config of `ai.generate` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  prompt: template("Prompt", undefined, { required: true }).meta({
    description: "Models write what it asks for. The built-in provider does not write new prose: it keeps the message lines, filled from run data — so write the message itself.",
  }),
  maxWords: z.number().int().min(1).max(5000).optional().meta({ title: "At most (words)" }),
  ...retryShape,
});

/** Cut `text` after `maxWords` words, keeping the original spacing and line breaks before the cut. */
export function limitWords(text: string, maxWords: number | undefined): { text: string; words: number; truncated: boolean } {
  const trimmed = text.trim();
  const words = trimmed === "" ? [] : [...trimmed.matchAll(/\S+/g)];
  if (maxWords === undefined || words.length <= maxWords) return { text: trimmed, words: words.length, truncated: false };
  const last = words[maxWords - 1];
  return { text: trimmed.slice(0, (last.index ?? 0) + last[0].length), words: maxWords, truncated: true };
}

/** The `ai.generate` node type. */
export default defineNode({
  type: "ai.generate",
  category: "ai",
  label: "AI generate",
  description: "Generates text from a prompt template, e.g. a personalised welcome message.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data, services }) {
    const prompt = render(cfg.prompt, data);
    if (prompt.errors.length) throw new NodeError(`Prompt: ${prompt.errors.join("; ")}`, "template_error", false);
    const { value, meta } = await completeValidated(services, { task: "generate", prompt: prompt.text, input: "", maxWords: cfg.maxWords }, (parsed, raw) => {
      // Prefer the raw string: prose that happens to be valid JSON ("42") must stay text.
      const wrapped = (parsed as { text?: unknown } | null)?.text;
      const text = typeof raw === "string" && typeof wrapped !== "string" ? raw : typeof wrapped === "string" ? wrapped : null;
      return text !== null && text.trim() !== "" ? { ok: true, value: text } : { ok: false, error: "expected non-empty text" };
    });
    return { kind: "next", port: "out", output: { ...limitWords(value, cfg.maxWords), ai: meta, missing: prompt.missing } };
  },
});
