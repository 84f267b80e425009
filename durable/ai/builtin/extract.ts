/**
 * Built-in transformation: pull each declared field out of the input with a typed parser, choosing
 * among candidates the one nearest to the words that name the field ("ARR: $120k, 40 seats").
 *
 * A field the input does not state gets an empty value of its type ("", 0, false) and is listed in
 * `notFound`, so the step says so instead of inventing a value.
 */
import { anchors, kindOf, options, type FieldKind, type FieldSpec } from "./fields";
import { findDates, findDomains, findEmails, findQuantities, parseBoolean, type Found } from "./parsers";
import { meanings, terms } from "./text";

export type { FieldSpec } from "./fields";

/** Extracted values (exactly the declared keys) and the keys the input did not state. */
export interface Extraction {
  values: Record<string, string | number | boolean>;
  notFound: string[];
}

interface Spot {
  start: number;
  end: number;
  weight: number;
}

/** Clause index of every character: candidates and anchors in different clauses are far apart. */
function clauseIds(text: string): number[] {
  const ids: number[] = [];
  let id = 0;
  for (let i = 0; i < text.length; i++) {
    ids.push(id);
    if (text[i] === "\n" || (/[.;!?]/.test(text[i]) && /\s/.test(text[i + 1] ?? " "))) id++;
  }
  return ids;
}

/** Where the field's naming words occur in the input. */
function spots(input: string, field: FieldSpec): Spot[] {
  const wanted = anchors(field);
  const out: Spot[] = [];
  for (const m of input.matchAll(/[A-Za-z][A-Za-z'-]*/g)) {
    const mine = new Set(meanings(m[0]));
    const hit = wanted.filter((a) => a.meanings.some((x) => mine.has(x))).sort((a, b) => b.weight - a.weight)[0];
    if (hit) out.push({ start: m.index!, end: m.index! + m[0].length, weight: hit.weight });
  }
  return out;
}

/** How far a candidate is from the nearest naming word (smaller is better; Infinity when none). */
function distance(c: { start: number; end: number }, near: Spot[], clause: number[], input: string): number {
  let best = Infinity;
  for (const s of near) {
    const gap = s.end <= c.start ? c.start - s.end : s.start >= c.end ? s.start - c.end : 0;
    let d = gap / s.weight;
    if (clause[s.start] !== clause[Math.min(c.start, input.length - 1)]) d += 200;
    // "ARR: $120k" — a label right before its value is the strongest sign.
    if (s.end <= c.start && /^\s*[:=]\s*$/.test(input.slice(s.end, c.start))) d -= 5;
    best = Math.min(best, d);
  }
  return best;
}

/** Words that label a money amount or a date for some field ("ARR: $120k", "closes May 4"). */
const LABEL_WORDS = /\b(arr|mrr|acv|revenue|budget|price|cost|value|amount|spend|worth|kick-?off|start|starts|go-?live|launch|close|closes|closed|closing|renewal|due|signed|deadline)\b[^\w\n]*(?:\w+\s*){0,2}$/i;

/**
 * The candidate nearest to a naming word. Without one nearby, the first candidate that no other
 * label claims if `fallback` (so "budget" does not take the amount written as "ARR: $120k").
 */
function nearest<T>(cands: Found<T>[], near: Spot[], clause: number[], input: string, fallback: boolean, own: Set<string> = new Set()): Found<T> | null {
  if (cands.length === 0) return null;
  const scored = cands.map((c) => ({ c, d: distance(c, near, clause, input) })).sort((a, b) => a.d - b.d || a.c.start - b.c.start);
  if (scored[0].d < 150) return scored[0].c;
  if (!fallback) return null;
  return (
    cands.find((c) => {
      const label = LABEL_WORDS.exec(input.slice(Math.max(0, c.start - 30), c.start));
      return !label || meanings(label[1]).some((m) => own.has(m));
    }) ?? null
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where the input names one of the options; "mid-market", "mid market" and "mid_market" are one. */
function enumCandidates(input: string, opts: string[]): Found<string>[] {
  const out: Found<string>[] = [];
  for (const opt of opts) {
    const words = opt.split(/[\s_-]+/).filter(Boolean).map(escape);
    if (words.length === 0) continue;
    for (const m of input.matchAll(new RegExp(`(?<![A-Za-z0-9])${words.join("[\\s_-]+")}(?![A-Za-z0-9])`, "gi"))) {
      out.push({ value: opt, start: m.index!, end: m.index! + m[0].length, text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Value after "Key:" or "Key is", up to the end of its clause. */
function labelled(input: string, near: Spot[]): string | null {
  for (const s of [...near].sort((a, b) => b.weight - a.weight || a.start - b.start)) {
    const m = /^\s*(?:[:=]|\s(?:is|are|was|will be)\b)\s*([^\n;]+?)(?:\.\s|\.$|;|\n|$)/i.exec(input.slice(s.end));
    if (m && m[1].trim()) return m[1].trim();
  }
  return null;
}

function firstSentence(input: string, maxWords = 30): string {
  const sentence = input.trim().split(/(?<=[.!?])\s+|\n+/)[0] ?? "";
  const words = sentence.split(/\s+/).filter(Boolean);
  return words.length > maxWords ? `${words.slice(0, maxWords).join(" ")}…` : sentence;
}

/** A yes/no for `field`: "SSO: yes", "needs SSO" (true), "no data migration" (false). */
function flag(input: string, field: FieldSpec, near: Spot[]): boolean | null {
  const said = labelled(input, near.filter((s) => s.weight === 1));
  if (said !== null) {
    const b = parseBoolean(said);
    if (b !== null) return b;
  }
  const keys = new Set(anchors(field).filter((a) => a.weight === 1).flatMap((a) => a.meanings));
  let verdict: boolean | null = null;
  for (const t of terms(input)) {
    const key = t.key.replace(/^not:/, "");
    if (!keys.has(key)) continue;
    // The first mention decides; a later "no X" after "needs X" would be a contradiction we do not resolve.
    verdict ??= !t.negated;
  }
  return verdict;
}

function extractOne(input: string, field: FieldSpec, kind: FieldKind, clause: number[]): string | number | boolean | null {
  const near = spots(input, field);
  const own = new Set(anchors(field).flatMap((a) => a.meanings));
  switch (kind) {
    case "money": {
      const qs = findQuantities(input);
      // Amounts marked as money anywhere, or plain numbers right beside the field's name.
      const marked = qs.filter((q) => q.value.currency || q.value.magnitude);
      const pick = nearest(marked, near, clause, input, true, own) ?? nearest(qs, near, clause, input, false);
      return pick ? pick.value.value : null;
    }
    case "count": {
      const qs = findQuantities(input).filter((q) => !q.value.currency);
      return nearest(qs, near, clause, input, false)?.value.value ?? null;
    }
    case "email":
      return nearest(findEmails(input), near, clause, input, true)?.value ?? null;
    case "domain": {
      const domains = findDomains(input);
      const pick = nearest(domains, near, clause, input, true);
      if (pick) return pick.value;
      // A company's domain is also the part after @ of its people's addresses.
      const email = findEmails(input)[0];
      return email ? email.value.split("@")[1] : null;
    }
    case "date":
      return nearest(findDates(input), near, clause, input, true, own)?.value ?? null;
    case "enum":
      return nearest(enumCandidates(input, options(field.description)), near, clause, input, true)?.value ?? null;
    case "flag":
      return flag(input, field, near);
    case "summary":
      return input.trim() ? firstSentence(input) : null;
    case "text":
      return labelled(input, near);
  }
}

const EMPTY = { string: "", number: 0, boolean: false } as const;

/** Extract `fields` from `input`. Deterministic. */
export function extract(input: string, fields: FieldSpec[]): Extraction {
  const clause = clauseIds(input);
  const values: Extraction["values"] = {};
  const notFound: string[] = [];
  for (const field of fields) {
    const kind = kindOf(field);
    let v = extractOne(input, field, kind, clause);
    // The declared type has the last word: a date or a count asked for as text stays text.
    if (v !== null && field.type === "string") v = String(v);
    if (v !== null && field.type === "number" && typeof v !== "number") v = Number.isFinite(Number(v)) ? Number(v) : null;
    if (v !== null && field.type === "boolean" && typeof v !== "boolean") v = parseBoolean(String(v));
    if (v === null || v === "") {
      notFound.push(field.key);
      v = EMPTY[field.type as keyof typeof EMPTY] ?? "";
    }
    values[field.key] = v;
  }
  return { values, notFound };
}
