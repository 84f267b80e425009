/**
 * Out-of-office with an optional last day (`users.out_of_office_until`, `YYYY-MM-DD`). Nobody has
 * to switch it off: from the day after (UTC, like plan dates) the person counts as back for
 * assignment, notifications and every list that shows availability.
 */
import { earliestToday } from "../../durable/lib/dates";
import { HOUR, iso } from "./time";

/** Whether `u` is away at `now`. */
export function isOutOfOffice(u: { outOfOffice: boolean; outOfOfficeUntil: string | null }, now: number): boolean {
  return u.outOfOffice && !(u.outOfOfficeUntil && u.outOfOfficeUntil < iso(now).slice(0, 10));
}

/**
 * The calendar days an out-of-office may end on at `now`: not a day that is over everywhere on
 * Earth (UTC−12) and at most a year after today anywhere (UTC+14), so no one's local today is refused.
 */
export function outOfOfficeRange(now: number) {
  const ahead = new Date(now + 14 * HOUR);
  const latest = new Date(Date.UTC(ahead.getUTCFullYear() + 1, ahead.getUTCMonth(), ahead.getUTCDate()));
  return { earliest: earliestToday(now), latest: latest.toISOString().slice(0, 10) };
}
