/**
 * Built-in classification: score the input against each label's id, description and examples, and
 * explain the choice with the terms that decided it.
 *
 * - A shared term counts by how specific it is to the label: log(labels / labels using it), so a
 *   word every label mentions decides nothing.
 * - A term the label negates ("no integrations") counts against it when the input asserts it.
 * - Numeric cues: a range the label states ("under 50 employees") that holds a number the input
 *   states ("12 employees") adds NUMBER_WEIGHT; one that does not hold subtracts half of it.
 * - Confidence is the winner's softmax share of the scores: 1/labels when nothing matched, near 1
 *   when one label clearly leads.
 */
import { UNIT_WORDS, facts, inRange, rangeCues, type RangeCue } from "./cues";
import { termSet } from "./text";

/** A label as the classify node declares it. */
export interface LabelSpec {
  id: string;
  description: string;
  examples?: string[];
}

/** The answer, in the shape `ai.classify` validates. */
export interface Classification {
  label: string;
  confidence: number;
  reason: string;
}

const NUMBER_WEIGHT = 1.5;
const NEGATED_WEIGHT = 0.5;

interface Evidence {
  score: number;
  terms: { surface: string; weight: number }[];
  against: string[];
  numbers: { fact: string; cue: string; fits: boolean }[];
}

const opposite = (key: string) => (key.startsWith("not:") ? key.slice(4) : `not:${key}`);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Classify `input` into one of `labels` (at least one). Deterministic. */
export function classify(input: string, labels: LabelSpec[]): Classification {
  if (labels.length === 0) throw new Error("classify needs at least one label");
  const inputTerms = termSet(input);
  const inputFacts = facts(input);
  const vocab = labels.map((l) => termSet([l.id.replace(/[_-]+/g, " "), l.description, ...(l.examples ?? [])].join(". ")));
  const cues: RangeCue[][] = labels.map((l) => rangeCues(l.description));
  const df = new Map<string, number>();
  for (const v of vocab) for (const key of v.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const weight = (key: string) => Math.log(labels.length / (df.get(key) ?? labels.length)) * (key.includes(" ") ? 1.5 : 1);

  const evidence: Evidence[] = labels.map((_, i) => {
    const e: Evidence = { score: 0, terms: [], against: [], numbers: [] };
    for (const [key, surface] of inputTerms) {
      if (UNIT_WORDS.test(key)) continue;
      if (vocab[i].has(key)) {
        const w = weight(key);
        if (w > 0) {
          e.score += w;
          e.terms.push({ surface: key.startsWith("not:") ? `no ${surface}` : surface, weight: w });
        }
      } else if (vocab[i].has(opposite(key))) {
        const w = weight(opposite(key)) * NEGATED_WEIGHT;
        if (w > 0) {
          e.score -= w;
          e.against.push(surface);
        }
      }
    }
    for (const cue of cues[i]) {
      for (const fact of inputFacts.filter((f) => f.unit === cue.unit)) {
        const fits = inRange(fact, cue);
        e.score += fits ? NUMBER_WEIGHT : -NUMBER_WEIGHT / 2;
        e.numbers.push({ fact: fact.text, cue: cue.text, fits });
      }
    }
    return e;
  });

  // Highest score wins; ties go to the label declared first.
  let best = 0;
  evidence.forEach((e, i) => {
    if (e.score > evidence[best].score) best = i;
  });
  const exps = evidence.map((e) => Math.exp(e.score - evidence[best].score));
  const confidence = round(exps[best] / exps.reduce((a, b) => a + b, 0));
  return { label: labels[best].id, confidence, reason: explain(labels, evidence, best) };
}

function explain(labels: LabelSpec[], evidence: Evidence[], best: number): string {
  const e = evidence[best];
  const parts: string[] = [];
  // Strongest terms first; a word already quoted inside a longer phrase is not repeated.
  const quoted: string[] = [];
  const decisive = [...e.terms].sort((a, b) => b.weight - a.weight || a.surface.localeCompare(b.surface)).filter((t) => {
    const k = t.surface.toLowerCase();
    if (quoted.some((q) => q === k || ` ${q} `.includes(` ${k} `))) return false;
    quoted.push(k);
    return true;
  });
  if (decisive.length) parts.push(`matched ${decisive.slice(0, 6).map((t) => `"${t.surface}"`).join(", ")}`);
  const fitting = e.numbers.filter((n) => n.fits);
  if (fitting.length) parts.push(fitting.map((n) => `${n.fact} fits "${n.cue}"`).join("; "));
  if (e.against.length) parts.push(`despite ${[...new Set(e.against)].slice(0, 3).map((s) => `"${s}"`).join(", ")}`);
  if (parts.length === 0) return `Nothing in the input matched any label's description; "${labels[best].id}" is the first declared label.`;
  const ranked = evidence.map((x, i) => ({ i, score: x.score })).filter((x) => x.i !== best).sort((a, b) => b.score - a.score || a.i - b.i);
  const runnerUp = ranked[0] ? ` Runner-up: ${labels[ranked[0].i].id} (score ${round(ranked[0].score, 1)} vs ${round(e.score, 1)}).` : "";
  return `${labels[best].id}: ${parts.join("; ")}.${runnerUp}`;
}
