/**
 * Typed value finders for the built-in provider. Each returns every match with its position, so
 * the extractor can pick the one nearest to the words that name a field ("ARR: $120k").
 * Finders run in a fixed order (e-mails, URLs/domains, dates, then numbers) and a number inside an
 * e-mail, a domain or a date is not a number of its own.
 */

/** A value found in text, with the character span it came from. */
export interface Found<T> {
  value: T;
  start: number;
  end: number;
  text: string;
}

const MAGNITUDE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };
const CURRENCY: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP", usd: "USD", eur: "EUR", gbp: "GBP", chf: "CHF", cad: "CAD", aud: "AUD", dollar: "USD", dollars: "USD", euro: "EUR", euros: "EUR", pound: "GBP", pounds: "GBP" };

/** A number with what was written around it: a currency and/or a magnitude ("$1.2M"). */
export interface Quantity {
  value: number;
  currency: string | null;
  magnitude: boolean;
}

const NUMBER =
  /(?<cur>[$€£]\s?|\b(?:usd|eur|gbp|chf|cad|aud)\s?)?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<mag>k|mm|m|bn|b|thousand|million|billion)\b)?(?:\s?(?<cur2>usd|eur|gbp|dollars?|euros?|pounds?)\b)?/gi;

/** Parse one amount: "1,200", "1.2k", "$120k", "€1.2M", "3 million", "45000 USD". */
export function parseQuantity(text: string): Quantity | null {
  const m = new RegExp(`^\\s*(?:${NUMBER.source})\\s*$`, "i").exec(text);
  return m ? toQuantity(m) : null;
}

function toQuantity(m: RegExpExecArray): Quantity | null {
  const g = m.groups ?? {};
  const base = Number((g.num ?? "").replace(/,/g, ""));
  if (!Number.isFinite(base)) return null;
  const mag = g.mag ? MAGNITUDE[g.mag.toLowerCase()] : 1;
  const cur = (g.cur ?? g.cur2 ?? "").trim().toLowerCase();
  // Round away float noise (1.2 * 1e6) without hiding real decimals.
  const value = Math.round(base * mag * 100) / 100;
  return { value, currency: cur ? (CURRENCY[cur] ?? null) : null, magnitude: Boolean(g.mag) };
}

const overlaps = (a: { start: number; end: number }, spans: { start: number; end: number }[]) => spans.some((s) => a.start < s.end && s.start < a.end);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** E-mail addresses, lower-cased. */
export function findEmails(text: string): Found<string>[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ value: m[0].toLowerCase(), start: m.index!, end: m.index! + m[0].length, text: m[0] }));
}

const URL_HOST = /\bhttps?:\/\/([^\s/?#:]+)[^\s]*/gi;
const BARE_DOMAIN = /(?<![@\w.-])(?:www\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2}|com|org|net|info|biz|io|ai|app|dev|tech|cloud|example|test|health|finance|store|shop|agency|studio))\b(?![.@-]\w)/gi;

/** Domains from URLs and bare host names (not the part after @ of an e-mail), without `www.`. */
export function findDomains(text: string): Found<string>[] {
  const emails = findEmails(text);
  const out: Found<string>[] = [];
  for (const m of text.matchAll(URL_HOST)) {
    out.push({ value: m[1].toLowerCase().replace(/^www\./, ""), start: m.index!, end: m.index! + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(BARE_DOMAIN)) {
    const f = { value: m[1].toLowerCase().replace(/^www\./, ""), start: m.index!, end: m.index! + m[0].length, text: m[0] };
    if (!overlaps(f, emails) && !overlaps(f, out) && /[a-z]/i.test(f.value.split(".")[0])) out.push(f);
  }
  return out.sort((a, b) => a.start - b.start);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const DATE_FORMS: { re: RegExp; ymd: (m: RegExpExecArray) => [number, number, number] }[] = [
  { re: /\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/g, ymd: (m) => [+m[1], +m[2], +m[3]] },
  { re: new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, "gi"), ymd: (m) => [+m[3], monthOf(m[1]), +m[2]] },
  { re: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+(\d{4})\b`, "gi"), ymd: (m) => [+m[3], monthOf(m[2]), +m[1]] },
  // Numeric day/month order is ambiguous: a first part above 12 is a day (31/01/2026), else US order.
  { re: /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g, ymd: (m) => (+m[1] > 12 ? [+m[3], +m[2], +m[1]] : [+m[3], +m[1], +m[2]]) },
];

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function isoDate(y: number, mo: number, d: number): string | null {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return null; // 31 April and friends
  return date.toISOString().slice(0, 10);
}

/** Calendar dates as `YYYY-MM-DD` (ISO, "May 4, 2026", "4 May 2026", 05/04/2026). */
export function findDates(text: string): Found<string>[] {
  const out: Found<string>[] = [];
  for (const form of DATE_FORMS) {
    for (const m of text.matchAll(form.re)) {
      const value = isoDate(...form.ymd(m as RegExpExecArray));
      const f = { value: value ?? "", start: m.index!, end: m.index! + m[0].length, text: m[0] };
      if (value && !overlaps(f, out)) out.push(f);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Numbers outside e-mails, domains and dates, with any currency or magnitude written beside them. */
export function findQuantities(text: string): Found<Quantity>[] {
  const taken = [...findEmails(text), ...findDomains(text), ...findDates(text)];
  const out: Found<Quantity>[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const q = toQuantity(m);
    const f = { start: m.index!, end: m.index! + m[0].length };
    // Skip digits glued to letters ("SOC2", "v2"): they are names, not amounts.
    const glued = /\w/.test(text[f.start - 1] ?? "") && !m.groups?.cur;
    if (q && !glued && !overlaps(f, taken)) out.push({ value: q, ...f, text: m[0].trim() });
  }
  return out;
}

const TRUE_WORDS = /^(yes|y|true|required|needed|enabled|on|wanted|confirmed|included)\b/i;
const FALSE_WORDS = /^(no|n|false|not required|not needed|none|disabled|off|n\/a|excluded|declined)\b/i;

/** "yes"/"no"-style answers; null when the text is neither. */
export function parseBoolean(text: string): boolean | null {
  const t = text.trim();
  if (FALSE_WORDS.test(t)) return false;
  if (TRUE_WORDS.test(t)) return true;
  return null;
}
