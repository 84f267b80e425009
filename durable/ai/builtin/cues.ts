/**
 * Numbers with a meaning: the ranges a label description states ("under 50 employees", "ARR $15k
 * to $100k", "over 500 employees") and the facts an input states ("240 employees", "ARR $48,000").
 * Words alone cannot tell 40 employees from 4,000; these cues let the classifier compare them.
 */
import { findQuantities, type Found, type Quantity } from "./parsers";

export type Unit = "employees" | "seats" | "money";

/** A stated range for one unit; open ends are undefined. */
export interface RangeCue {
  unit: Unit;
  min?: number;
  max?: number;
  /** Whether an open end includes its bound ("at least 500") or not ("over 500"). */
  inclusive?: boolean;
  /** The words it came from, quoted in reasons. */
  text: string;
}

/** A stated number for one unit. */
export interface Fact {
  unit: Unit;
  value: number;
  text: string;
}

const UNIT_AFTER: [RegExp, Unit][] = [
  [/^\s*\+?\s*(?:full[- ]time\s+)?(employees?|staff|people|headcount|ftes?|workers|persons)\b/i, "employees"],
  [/^\s*\+?\s*(seats?|users?|licen[cs]es?)\b/i, "seats"],
];
const UNIT_BEFORE: [RegExp, Unit][] = [
  [/\b(arr|revenue|acv|tcv|contract value|deal size|deal value|amount|budget)\b[^.;,]{0,20}$/i, "money"],
  [/\b(employees|staff|headcount|ftes)\b[^.;,]{0,12}$/i, "employees"],
  [/\b(seats|users|licen[cs]es)\b[^.;,]{0,12}$/i, "seats"],
];
const LESS = /(?:under|below|less than|fewer than|up to|at most|smaller than|<=?)\s*$/i;
const MORE = /(?:over|above|more than|at least|greater than|larger than|exceeding|>=?)\s*$/i;
const INCLUSIVE = /(?:up to|at most|at least|<=|>=)\s*$/i;
const JOIN = /^\s*(?:to|-|–|—|and)\s*$/i;

/** The unit of quantity `q` (or of the range `q`..`next`) and the unit word as written, if any. */
function unitOf(text: string, q: Found<Quantity>, next?: Found<Quantity>): { unit: Unit; word: string; before: boolean } | null {
  const after = text.slice((next ?? q).end, (next ?? q).end + 30);
  for (const [re, unit] of UNIT_AFTER) {
    const m = re.exec(after);
    if (m) return { unit, word: m[1], before: false };
  }
  if (q.value.currency || next?.value.currency) return { unit: "money", word: "", before: false };
  const before = text.slice(Math.max(0, q.start - 40), q.start);
  for (const [re, unit] of UNIT_BEFORE) {
    const m = re.exec(before);
    if (m) return { unit, word: m[1], before: true };
  }
  return null;
}

/** How a quantity reads in a reason: "4,200 employees", "ARR $48,000", "$15k to $100k". */
function phrase(lead: string, span: string, u: { word: string; before: boolean }): string {
  const core = `${lead}${span}`.trim();
  if (!u.word) return core;
  return u.before ? `${u.word} ${core}` : `${core} ${u.word}`;
}

/** Ranges a label description states. */
export function rangeCues(description: string): RangeCue[] {
  const qs = findQuantities(description);
  const cues: RangeCue[] = [];
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i];
    const next = qs[i + 1];
    const before = description.slice(Math.max(0, q.start - 20), q.start);
    if (next && JOIN.test(description.slice(q.end, next.start))) {
      const u = unitOf(description, q, next);
      if (u) cues.push({ unit: u.unit, min: q.value.value, max: next.value.value, text: phrase("", description.slice(q.start, next.end), u) });
      i++;
      continue;
    }
    const u = unitOf(description, q);
    if (!u) continue;
    const after = description.slice(q.end, q.end + 12);
    const inclusive = INCLUSIVE.test(before) || /^\s*(?:\+|or (?:more|less|fewer)\b)/i.test(after);
    const less = LESS.exec(before);
    const more = MORE.exec(before);
    const text = phrase((less ?? more)?.[0] ?? "", q.text, u);
    if (less || /^\s*or (?:less|fewer)\b/i.test(after)) cues.push({ unit: u.unit, max: q.value.value, inclusive, text });
    else if (more || /^\s*(?:\+|or more\b)/i.test(after)) cues.push({ unit: u.unit, min: q.value.value, inclusive, text });
  }
  return cues;
}

/** Numbers an input states with a unit ("240 employees", "ARR $48,000"). */
export function facts(input: string): Fact[] {
  return findQuantities(input).flatMap((q) => {
    const u = unitOf(input, q);
    return u ? [{ unit: u.unit, value: q.value.value, text: phrase("", q.text, u) }] : [];
  });
}

/** Words that only name a unit: numbers speak for them, so they are no evidence on their own. */
export const UNIT_WORDS = /^(?:not:)?(?:employe|employee|staff|people|headcount|fte|arr|revenu|revenue|acv|seat|user|licens)(?: |$)|(?: )(?:employe|employee|staff|arr|revenu|seat|user)$/;

/** Whether `fact` falls in `cue`: "50 to 500" includes both ends, "under 50" excludes 50, "at most 50" includes it. */
export function inRange(fact: Fact, cue: RangeCue): boolean {
  if (fact.unit !== cue.unit) return false;
  const closed = cue.min !== undefined && cue.max !== undefined;
  const include = closed || cue.inclusive === true;
  const aboveMin = cue.min === undefined || (include ? fact.value >= cue.min : fact.value > cue.min);
  const belowMax = cue.max === undefined || (include ? fact.value <= cue.max : fact.value < cue.max);
  return aboveMin && belowMax;
}
