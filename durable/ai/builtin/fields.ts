/**
 * What kind of value a declared field wants, read from its type, key and description: an amount of
 * money, a count, an e-mail, a domain, a date, one of listed options, a yes/no, or free text.
 */
import { meanings } from "./text";

/** A field as `ai.transform` declares it. */
export interface FieldSpec {
  key: string;
  type: string;
  description: string;
}

export type FieldKind = "money" | "count" | "email" | "domain" | "date" | "enum" | "flag" | "summary" | "text";

const MONEY = /\b(arr|mrr|acv|tcv|revenue|amount|price|pricing|budget|cost|value|spend|deal size|dollars?|usd|eur|gbp|money|salary)\b|[$€£]/i;
const EMAIL = /\be-?mail\b/i;
const DOMAIN = /\b(domain|website|web site|url|site|homepage)\b/i;
const DATE = /\b(date|day|deadline|when|go[- ]?live|start(?:s|ing)?|launch|due|renewal|kick[- ]?off)\b/i;
const SUMMARY = /\b(summary|summari[sz]e|overview|gist|synopsis|description|tl;?dr)\b/i;

/** "contactEmail" → "contact Email"; "go_live_date" → "go live date". */
export function keyWords(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ");
}

/**
 * Options a description lists: `one of: smb, mid-market or enterprise`, `(smb | enterprise)`,
 * `"gold", "silver"`. Fewer than two means the field is not an enumeration.
 */
export function options(description: string): string[] {
  const tidy = (parts: string[]) => parts.map((p) => p.trim().replace(/^["'`]|["'`.]$/g, "").trim()).filter((p) => p && p.split(/\s+/).length <= 3);
  const oneOf = /\b(?:one of|either|choose from|options?|values?)\s*[:\-]?\s*([^.;]+)/i.exec(description);
  if (oneOf) {
    const list = tidy(oneOf[1].replace(/[()]/g, "").split(/\s*(?:,|\||\/|\bor\b)\s*/i));
    if (list.length >= 2) return list;
  }
  for (const m of description.matchAll(/\(([^)]+)\)/g)) {
    const list = tidy(m[1].split(/\s*(?:,|\||\/|\bor\b)\s*/i));
    if (list.length >= 2) return list;
  }
  const pipes = /[\w-]+(?:\s*\|\s*[\w-]+)+/.exec(description);
  if (pipes) return tidy(pipes[0].split("|"));
  const quoted = [...description.matchAll(/["“]([^"”]{1,40})["”]/g)].map((m) => m[1]);
  return quoted.length >= 2 ? tidy(quoted) : [];
}

/** The kind of value `field` wants. */
export function kindOf(field: FieldSpec): FieldKind {
  const hint = `${keyWords(field.key)} ${field.description}`;
  if (field.type === "number") return MONEY.test(hint) ? "money" : "count";
  if (field.type === "boolean") return "flag";
  if (EMAIL.test(hint)) return "email";
  if (DOMAIN.test(hint)) return "domain";
  if (options(field.description).length >= 2) return "enum";
  if (DATE.test(hint)) return "date";
  if (SUMMARY.test(keyWords(field.key))) return "summary";
  return "text";
}

/**
 * The words that name a field in text, strongest first: the key's words (weight 1), then the
 * description's (weight 0.5). Each as the meanings the matcher compares.
 */
export function anchors(field: FieldSpec): { meanings: string[]; weight: number }[] {
  const words = (text: string) => (text.match(/[A-Za-z][A-Za-z'-]*/g) ?? []).filter((w) => w.length > 1);
  const generic = new Set(["the", "of", "a", "an", "in", "for", "and", "or", "to", "is", "as", "on", "one", "number", "value", "field", "their", "its", "expected", "needs", "need", "whether", "if", "does", "do", "text"]);
  const out: { meanings: string[]; weight: number }[] = [];
  const seen = new Set<string>();
  const add = (w: string, weight: number) => {
    const lower = w.toLowerCase();
    if (generic.has(lower) || seen.has(lower)) return;
    seen.add(lower);
    out.push({ meanings: meanings(w), weight });
  };
  words(keyWords(field.key)).forEach((w) => add(w, 1));
  words(field.description.replace(/\b(?:one of|either)\b.*$/i, "")).forEach((w) => add(w, 0.5));
  return out;
}
