import type { TeamUser } from "../../lib/api-types";

/** A calendar day `YYYY-MM-DD` as a UTC midnight, so formatting and arithmetic never shift it. */
const UTC_DAY = (day: string) => new Date(`${day}T00:00:00Z`);

/** Today in the viewer's own time zone: an out-of-office ends on their calendar, not UTC's (the server allows any zone's today). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether `u` is away on `today`: an out-of-office whose last day has passed shows as back. */
export const isAway = (u: Pick<TeamUser, "outOfOffice" | "outOfOfficeUntil">, today: string) => u.outOfOffice && !(u.outOfOfficeUntil && u.outOfOfficeUntil < today);

/** "8 December" (in the browser's locale), with the year when it is not this year's. */
export function formatReturnDay(day: string, today: string): string {
  return UTC_DAY(day).toLocaleDateString(undefined, { day: "numeric", month: "long", year: day.slice(0, 4) === today.slice(0, 4) ? undefined : "numeric", timeZone: "UTC" });
}

/** "Out of office until 8 December", or "Out of office" with no end; null when in the office. */
export function awayLabel(u: Pick<TeamUser, "outOfOffice" | "outOfOfficeUntil">, today: string): string | null {
  if (!isAway(u, today)) return null;
  return u.outOfOfficeUntil ? `Out of office until ${formatReturnDay(u.outOfOfficeUntil, today)}` : "Out of office";
}

/** The latest last day away the server takes: a year after `today`. */
export function latestReturnDay(today: string): string {
  const d = UTC_DAY(today);
  return new Date(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate())).toISOString().slice(0, 10);
}

/** Why `day` cannot end an out-of-office, or null; the server checks again. Empty means no end. */
export function returnDayProblem(day: string, today: string): string | null {
  if (!day) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(UTC_DAY(day).getTime())) return "Use a calendar date.";
  if (day < today) return "The return date is in the past.";
  if (day > latestReturnDay(today)) return "The return date can be at most a year ahead.";
  return null;
}
