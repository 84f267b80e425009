/**
 * The chat messages and JSON schema sent to model providers (OpenAI-compatible and Workers AI), so
 * both ask the same question. The node's own prompt (with any "previous answer was rejected" note
 * from a second try) goes in the user message; the system message says what shape to answer in.
 */
import type { AiRequest } from "./types";

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

/** A JSON Schema for the answer, or null for free text (generate). */
export function answerSchema(req: AiRequest): Record<string, unknown> | null {
  if (req.task === "transform") {
    const fields = req.fields ?? [];
    return {
      type: "object",
      properties: Object.fromEntries(fields.map((f) => [f.key, { type: f.type, description: f.description }])),
      required: fields.map((f) => f.key),
      additionalProperties: false,
    };
  }
  if (req.task === "classify") {
    return {
      type: "object",
      properties: {
        label: { type: "string", enum: (req.labels ?? []).map((l) => l.id) },
        confidence: { type: "number", description: "0 to 1" },
        reason: { type: "string", description: "One sentence naming the facts that decided" },
      },
      required: ["label", "confidence", "reason"],
      additionalProperties: false,
    };
  }
  return null;
}

function systemFor(req: AiRequest): string {
  if (req.task === "transform") {
    const list = (req.fields ?? []).map((f) => `- ${f.key} (${f.type}): ${f.description || "no description"}`).join("\n");
    return `You extract structured data for a customer-onboarding workflow. Apply the instruction to the input and answer with one JSON object with exactly these fields and no others:\n${list}\nUse the declared types. When the input does not say, use "" for text, 0 for numbers and false for yes/no. Answer with the JSON object only.`;
  }
  if (req.task === "classify") {
    const list = (req.labels ?? [])
      .map((l) => `- ${l.id}: ${l.description || "no description"}${l.examples?.length ? ` (examples: ${l.examples.map((e) => JSON.stringify(e)).join("; ")})` : ""}`)
      .join("\n");
    return `You classify inputs for a customer-onboarding workflow into exactly one of these labels:\n${list}\nAnswer with one JSON object {"label": one of the label ids, "confidence": a number from 0 to 1, "reason": one sentence naming the facts that decided}. Answer with the JSON object only.`;
  }
  const bound = req.maxWords ? ` Use at most ${req.maxWords} words.` : "";
  return `You write clear, friendly business text for a customer-success team. Write what the prompt asks for; if the prompt is itself a draft, polish it.${bound} Answer with the text only: no preamble, no notes, no placeholders.`;
}

/** System and user messages for `req`. */
export function chatMessages(req: AiRequest): ChatMessage[] {
  const user = req.task === "generate" || !req.input ? req.prompt : `${req.prompt}\n\nInput:\n${req.input}`;
  return [
    { role: "system", content: systemFor(req) },
    { role: "user", content: user },
  ];
}

/** The messages as one readable text, as recorded in the step output. */
export function describeMessages(messages: ChatMessage[]): string {
  return messages.map((m) => `[${m.role}]\n${m.content}`).join("\n\n");
}

/** A token budget for the answer: enough for the JSON or for `maxWords` words. */
export function maxTokensFor(req: AiRequest): number {
  if (req.task === "generate") return Math.min(8192, Math.ceil((req.maxWords ?? 400) * 2) + 64);
  return 1024;
}
