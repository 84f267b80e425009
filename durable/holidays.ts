/**
 * The workspace's holidays: days off besides weekends that onboarding plans skip when they date
 * their tasks (durable/lib/plan.ts). One `holidays` row of the D1 `settings` table, set by an admin
 * on the Settings page; a run reads it with the rest of its stretch's reads (services/read-ahead.ts).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { hot, schema } from "../worker/db/client";
import { saveSetting } from "../worker/db/queries/settings";
import { isIsoDate } from "./lib/dates";

export const HOLIDAYS_KEY = "holidays";

/** At most this many days: a few years of a country's public holidays and a company's own days off. */
export const MAX_HOLIDAYS = 400;

export const HolidayList = z
  .object({ days: z.array(z.string().max(10).refine(isIsoDate, "Use a date like 2026-12-25.")).max(MAX_HOLIDAYS, `At most ${MAX_HOLIDAYS} days.`) })
  .strict();

/** Each day once, in calendar order. */
export const tidyDays = (days: readonly string[]) => [...new Set(days)].sort();

const HOLIDAYS = hot((db) => db.select({ value: schema.settings.value }).from(schema.settings).where(eq(schema.settings.key, HOLIDAYS_KEY)));

/** The statement that reads them, for a batch. */
export const holidaysStatement = (d1: D1Database) => HOLIDAYS.statement(d1);

/** The days from that statement's answer, as saved (none when unset, or when the row no longer parses). */
export function holidaysFrom(result: D1Result): string[] {
  const parsed = HolidayList.safeParse(HOLIDAYS.rows(result)[0]?.value);
  return parsed.success ? parsed.data.days : [];
}

export async function readHolidays(d1: D1Database): Promise<string[]> {
  return holidaysFrom(await holidaysStatement(d1).all());
}

/** Saves them (each once, in order) and returns what was saved. */
export async function saveHolidays(d1: D1Database, input: readonly string[], now: string): Promise<string[]> {
  const days = tidyDays(input);
  await saveSetting(d1, HOLIDAYS_KEY, { days }, now);
  return days;
}
