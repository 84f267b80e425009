/**
 * Date helpers shared by rules, the delay node, forms and onboarding plans. All times are UTC epoch
 * milliseconds or ISO-8601 strings; nothing here reads the clock (time is passed in).
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** A calendar date `YYYY-MM-DD` that really exists (no 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoDay(ms) === value;
}

/** True for ISO dates and date-times, the only strings rules treat as dates. */
export function looksLikeIsoDate(value: unknown): value is string {
  return typeof value === "string" && (ISO_DATE.test(value) || ISO_DATE_TIME.test(value));
}

/**
 * Epoch ms of an ISO date/date-time string, or of a number taken as epoch ms; null otherwise.
 * Date-only strings are UTC midnight. Offsets without a colon (`+0000`, Salesforce's format) work.
 */
export function parseDate(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (!looksLikeIsoDate(value)) return null;
  if (ISO_DATE.test(value) && !isIsoDate(value)) return null;
  const normalised = value.replace(" ", "T").replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : ms;
}

/** `YYYY-MM-DD` of an epoch ms, in UTC. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus a number of calendar days. */
export function addDays(day: string, days: number): string {
  const ms = parseDate(day);
  if (ms === null) throw new RangeError(`Not an ISO date: "${day}"`);
  return isoDay(ms + days * 86_400_000);
}

/** True when `day` (`YYYY-MM-DD`) is a Saturday or a Sunday (UTC). */
export function isWeekend(day: string): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/** Days off besides weekends (`YYYY-MM-DD`): the workspace's holidays. */
export type Holidays = ReadonlySet<string>;

const NO_HOLIDAYS: Holidays = new Set();

/** A weekday that is not one of `holidays`. */
export const isBusinessDay = (day: string, holidays: Holidays = NO_HOLIDAYS) => !isWeekend(day) && !holidays.has(day);

/** `day` itself on a business day; otherwise the next one (the Monday after a weekend, the day after a holiday). */
export function nextBusinessDay(day: string, holidays: Holidays = NO_HOLIDAYS): string {
  let d = addDays(day, 0);
  while (!isBusinessDay(d, holidays)) d = addDays(d, 1);
  return d;
}

/**
 * `YYYY-MM-DD` plus a number of business days (Monday to Friday, less `holidays`), counted from
 * `day` moved to a business day first: Friday + 1 is Monday, and + 0 is the day itself (or the
 * Monday after a weekend).
 */
export function addBusinessDays(day: string, days: number, holidays: Holidays = NO_HOLIDAYS): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Not a whole number of days from 0: ${days}`);
  let d = nextBusinessDay(day, holidays);
  // Without holidays, whole weeks first (five business days are seven calendar days).
  let left = days;
  if (holidays.size === 0) {
    d = addDays(d, Math.floor(days / 5) * 7);
    left = days % 5;
  }
  while (left > 0) {
    d = addDays(d, 1);
    if (isBusinessDay(d, holidays)) left--;
  }
  return d;
}

/** Business days from `from` (moved to a weekday first) to `to`: the inverse of `addBusinessDays`. */
export function businessDaysBetween(from: string, to: string): number {
  const start = parseDate(nextBusinessDay(from));
  const end = parseDate(to);
  if (start === null || end === null) throw new RangeError(`Not an ISO date: "${start === null ? from : to}"`);
  const sign = end < start ? -1 : 1;
  let n = 0;
  for (let ms = start; sign > 0 ? ms < end : ms > end; ms += sign * 86_400_000) {
    if (!isWeekend(isoDay(sign > 0 ? ms + 86_400_000 : ms))) n += sign;
  }
  return n;
}

/**
 * The earliest calendar day (`YYYY-MM-DD`) that is still today somewhere on Earth (UTC−12) at
 * `now`: a date check that takes it refuses nobody's own local today, whatever their time zone.
 */
export function earliestToday(now: number): string {
  return isoDay(now - 12 * 3_600_000);
}

/** ISO-8601 string of an epoch ms, or null. */
export function isoTime(ms: number | null | undefined): string | null {
  return typeof ms === "number" && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const READABLE_UTC = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/**
 * A moment as a person reads it in an e-mail: "Sun 6 December 2026, 15:27 UTC" (not RFC 1123).
 * Assembled from the parts, since ICU versions punctuate the whole differently (workerd writes
 * "Sun, 6 December 2026, 15:27", Node "Sun 6 December 2026 at 15:27").
 */
export function readableUtc(ms: number): string {
  const p = Object.fromEntries(READABLE_UTC.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} UTC`;
}
