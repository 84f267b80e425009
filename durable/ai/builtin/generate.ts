/**
 * Built-in generation. It writes no new prose — it cannot, honestly — so the prompt is the text:
 * the node has already filled its `{{…}}` placeholders from run data; here lines addressed to a
 * model ("Write a warm welcome…", "Keep it short") are dropped when the prompt also has message
 * lines, whitespace is tidied, and the text is cut at a sentence end within `maxWords`.
 * Write built-in prompts as the message itself: "Hi {{deal.primaryContact.name}}, welcome…".
 */

const INSTRUCTION =
  /^\s*(?:please\s+)?(?:write|draft|compose|generate|create|produce|summari[sz]e|rewrite|respond|reply|answer|mention|include|keep|make|use|address|sign off|format|be\s+\w+|you are|act as|tone|style|length|max(?:imum)?|at most|in \d+ words)\b/i;
const LEAD_LABEL = /^\s*(?:text|message|body|draft|email|e-mail|output)\s*:\s*/i;

/** Tidy spacing without touching wording. */
function tidy(text: string): string {
  return text
    .split("\n")
    .map((l) => l.replace(/[ \t]+/g, " ").replace(/ ([,.;:!?])/g, "$1").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Cut at the last sentence end within `maxWords`; a first sentence that is too long is cut with "…". */
export function withinWords(text: string, maxWords?: number): string {
  const words = [...text.matchAll(/\S+/g)];
  if (maxWords === undefined || words.length <= maxWords) return text;
  const lastIncluded = words[maxWords - 1];
  const limit = lastIncluded.index! + lastIncluded[0].length;
  const head = text.slice(0, limit);
  const ends = [...head.matchAll(/[.!?](?=["')\]]?(?:\s|$))/g)];
  const end = ends.length ? ends[ends.length - 1].index! + 1 : -1;
  if (end > 0) return head.slice(0, end).trim();
  return `${head.replace(/[,;:\s]+$/, "")}…`;
}

/** The message the prompt contains, tidied and within `maxWords`. */
export function generate(prompt: string, maxWords?: number): string {
  const lines = prompt.replace(/\r\n?/g, "\n").split("\n");
  const message = lines.filter((l) => !INSTRUCTION.test(l));
  const kept = message.some((l) => l.trim() !== "") ? message : lines;
  const text = tidy(kept.join("\n").replace(LEAD_LABEL, ""));
  return withinWords(text, maxWords);
}
