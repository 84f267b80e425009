/**
 * An onboarding plan: a template's milestones and tasks with due dates computed from the start date.
 * Both milestone and task `offsetDays` count business days (Monday to Friday, less the workspace's
 * holidays, set on the Settings page) from the start date (day 0), not from each other, so a
 * template reads like a working calendar ("kickoff on day 3, go-live on day 30") and no task falls
 * due on a weekend or a holiday. A start on a day off moves to the next business day. Due dates are
 * calendar days (`YYYY-MM-DD`, UTC): a deadline is a day, not an instant, so it does not shift with
 * time zones.
 */
import type { TemplateView } from "../types";
import { addBusinessDays, isoDay, nextBusinessDay, parseDate, type Holidays } from "./dates";

/** One dated task of a plan. */
export interface PlanTask {
  title: string;
  owner: "csm" | "customer";
  dueAt: string;
  /** The business day it falls on, counted from the start (the template's offset). */
  day: number;
}

/** One dated milestone with its tasks (API.md account `plan`). */
export interface PlanMilestone {
  milestone: string;
  dueAt: string;
  day: number;
  tasks: PlanTask[];
}

/**
 * The day a plan starting at `startDate` (an ISO date or date-time; only its UTC day is used)
 * really starts: that day, or the next business day when it is a weekend day or a holiday.
 * @throws RangeError when `startDate` is not an ISO date.
 */
export function planStartDay(startDate: string, holidays?: Holidays): string {
  const ms = parseDate(startDate);
  if (ms === null || typeof startDate !== "string") throw new RangeError(`Not an ISO date: "${String(startDate)}"`);
  return nextBusinessDay(isoDay(ms), holidays);
}

/**
 * Build the plan for `template` starting on `startDate` (see `planStartDay`). Milestones keep the
 * template's order; tasks too.
 * @throws RangeError when `startDate` is not an ISO date.
 */
export function buildPlan(template: Pick<TemplateView, "milestones">, startDate: string, holidays?: Holidays): PlanMilestone[] {
  const start = planStartDay(startDate, holidays);
  return template.milestones.map((m) => ({
    milestone: m.name,
    dueAt: addBusinessDays(start, m.offsetDays, holidays),
    day: m.offsetDays,
    tasks: m.tasks.map((t) => ({ title: t.title, owner: t.owner, dueAt: addBusinessDays(start, t.offsetDays, holidays), day: t.offsetDays })),
  }));
}
