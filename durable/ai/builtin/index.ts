/**
 * The built-in provider: deterministic, offline and free — the embedded default when no model is
 * configured. Classification scores labels, transformation runs typed parsers, generation fills
 * the prompt (see the modules beside this one for what each can and cannot do).
 */
import type { AiProvider } from "../types";
import { classify } from "./classify";
import { extract } from "./extract";
import { generate } from "./generate";

/** Version of the built-in rules; recorded as the model so outputs say which rules produced them. */
export const BUILTIN_MODEL = "deterministic-v1";

/** The built-in provider. */
export function createBuiltinProvider(): AiProvider {
  return {
    id: "builtin",
    model: BUILTIN_MODEL,
    host: null,
    async complete(req) {
      const prompt = req.input ? `${req.prompt}\n\nInput:\n${req.input}` : req.prompt;
      if (req.task === "classify") return { output: classify(req.input, req.labels ?? []), prompt };
      if (req.task === "transform") {
        const { values, notFound } = extract(req.input, req.fields ?? []);
        return { output: values, prompt, ...(notFound.length ? { notFound } : {}) };
      }
      return { output: generate(req.prompt, req.maxWords), prompt };
    },
  };
}
