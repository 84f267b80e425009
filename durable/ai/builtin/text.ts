/**
 * Words for the built-in provider: tokens with a light stemmer, a small thesaurus of business and
 * onboarding terms, and negation ("no integrations" is a different term from "integrations").
 * Deterministic and dependency-free: the same text always yields the same terms.
 */

/** One term of a text. `key` is what scoring compares; `surface` is what a reason quotes. */
export interface Term {
  key: string;
  surface: string;
  negated: boolean;
}

const STOPWORDS = new Set(
  `a an the and or but nor of to in on at by for with from as into onto over per via than then that this these those
  is are was were be been being am do does did doing have has had having will would shall should can could may might must
  it its they them their theirs he him his she her hers we us our ours you your yours i me my mine who whom whose which what
  when where why how all any both each few more most other some such only same so too very just also plus
  there here up down out off again further once about above below under after before between during through
  notes note want wants wanted need needs needed like get gets going go set sets use uses using used make made
  one two three four five six seven eight nine ten next week weeks month months day days year years new`.split(/\s+/),
);

const NEGATORS = new Set(["no", "not", "without", "never", "none", "nothing", "cannot", "lacks"]);

/**
 * Thesaurus in plain words (stemmed at load): a word or word pair maps to the ideas it stands for.
 * General business vocabulary, so a label and an input that word the same idea differently meet.
 */
const THESAURUS_WORDS: Record<string, string[]> = {
  staff: ["employee"], people: ["employee"], headcount: ["employee"], fte: ["employee"], person: ["employee"], worker: ["employee"],
  saml: ["sso"], okta: ["sso"], "single sign": ["sso"], "azure ad": ["sso"], onelogin: ["sso"],
  infosec: ["security"], soc: ["security"], pentest: ["security"], hipaa: ["security", "compliance"], gdpr: ["compliance"],
  "vendor risk": ["security"], privacy: ["security"], audit: ["security"],
  engineer: ["developer"], engineering: ["developer"], cto: ["developer"], dev: ["developer"], programmer: ["developer"],
  rest: ["api"], sdk: ["api"], graphql: ["api"], endpoint: ["api"],
  callback: ["webhook"],
  import: ["migration"], etl: ["migration"], backfill: ["migration"], migrating: ["migration"],
  house: ["legacy"], homegrown: ["legacy"],
  staging: ["sandbox"], "test environment": ["sandbox"],
  tutorial: ["guide"], "help center": ["guide"], checklist: ["guide"], "quick start": ["guide"], playbook: ["guide"], video: ["guide"],
  kick: ["kickoff"], workshop: ["training"], enablement: ["training"],
  deployment: ["rollout"], deploy: ["rollout"], roll: ["rollout"], launch: ["rollout"],
  phased: ["phase"], phases: ["phase"],
  purchasing: ["procurement"], "purchase order": ["procurement"],
  msa: ["legal"], contract: ["legal"], dpa: ["legal"],
  global: ["region", "large"], "multi region": ["region"], international: ["region"], worldwide: ["region"],
  "business unit": ["department"], division: ["department"], campus: ["department"], plants: ["department"], properties: ["department"],
  salesforce: ["crm", "integration"], hubspot: ["crm", "integration"], pipedrive: ["crm", "integration"],
  slack: ["integration"], zendesk: ["integration"], shopify: ["integration"], "microsoft teams": ["integration"],
  "google workspace": ["integration"], jira: ["integration"], connect: ["integration"], integrate: ["integration"],
  solo: ["small"], freelancer: ["small"], founder: ["small"], "owner run": ["small"], boutique: ["small"],
  enterprise: ["large"], corporation: ["large"],
  bespoke: ["custom"], tailored: ["custom"],
  scripting: ["script"], administrator: ["admin"],
  "self service": ["self"], "self serve": ["self"], themselves: ["self"], himself: ["self"], herself: ["self"], own: ["self"],
  "executive sponsor": ["stakeholder"], "steering committee": ["stakeholder"], sponsor: ["stakeholder"],
  "change management": ["change"],
};

/** A light suffix stemmer (two passes): "migrations/migrating/migrated" meet, "engineering/engineer" too. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, "");
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (let pass = 0; pass < 2; pass++) {
    const suffix = ["ation", "ing", "ment", "ed", "ly", "er"].find((x) => w.endsWith(x) && w.length - x.length >= 4);
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

const stemPhrase = (phrase: string) => phrase.split(" ").map(stem).join(" ");

let thesaurus: Map<string, string[]> | null = null;

/** Canonical keys for one stem or stem pair: itself plus what the thesaurus says it means. */
function canonical(key: string): string[] {
  thesaurus ??= new Map(Object.entries(THESAURUS_WORDS).map(([k, v]) => [stemPhrase(k), v.map(stemPhrase)]));
  const mapped = thesaurus.get(key);
  return mapped ? [...new Set([key, ...mapped])] : [key];
}

/** What one word means to the matcher: its stem and the thesaurus ideas it stands for. */
export function meanings(word: string): string[] {
  return canonical(word === "IT" ? "it-department" : stem(word));
}

/** Clauses: negation and word pairs never cross these boundaries. */
export function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?;:])\s+|\n+|\s[—–]\s|\s-\s|,\s+(?:but|while|whereas)\s+|[()]/)
    .map((c) => c.trim())
    .filter(Boolean);
}

const WORD = /[A-Za-z][A-Za-z'&+]*|\d+(?:[.,]\d+)*[kKmM]?/g;

/**
 * The terms of `text`: content words (stemmed; stopwords and bare numbers dropped), adjacent pairs
 * of content words ("security review"), and thesaurus meanings. Words after a negator are negated
 * (`not:` keys) until the clause ends or three content words have passed ("no integrations or
 * custom work").
 */
export function terms(text: string): Term[] {
  const out: Term[] = [];
  const normalised = text.replace(/e-mail/gi, "email").replace(/(\w)-(\w)/g, "$1 $2");
  for (const clause of clauses(normalised)) {
    let negateLeft = 0;
    let prev: { stem: string; surface: string } | null = null;
    for (const m of clause.matchAll(WORD)) {
      const raw = m[0];
      const lower = raw.toLowerCase();
      if (NEGATORS.has(lower) || lower.endsWith("n't")) {
        negateLeft = 3;
        prev = null;
        continue;
      }
      if (/^\d/.test(raw)) {
        prev = null;
        continue;
      }
      // "IT" in capitals is the department, not the pronoun.
      if (raw !== "IT" && STOPWORDS.has(lower)) continue;
      const s = raw === "IT" ? "it-department" : stem(lower);
      const negated = negateLeft > 0;
      if (negateLeft > 0) negateLeft--;
      const push = (key: string, surface: string) => out.push({ key: negated ? `not:${key}` : key, surface, negated });
      for (const key of canonical(s)) push(key, raw);
      if (prev) for (const key of canonical(`${prev.stem} ${s}`)) push(key, `${prev.surface} ${raw}`);
      prev = { stem: s, surface: raw };
    }
  }
  return out;
}

/** Distinct term keys, each with the first surface form it came from (for reasons). */
export function termSet(text: string): Map<string, string> {
  const set = new Map<string, string>();
  for (const t of terms(text)) if (!set.has(t.key)) set.set(t.key, t.surface);
  return set;
}
