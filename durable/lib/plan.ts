/**
 * An onboarding plan: a template's milestones and tasks with due dates computed from the start date.
 * Both milestone and task `offsetDays` count from the start date (day 0), not from each other, so a
 * template reads like a calendar ("kickoff on day 3, go-live on day 30"). Due dates are calendar days
 * (`YYYY-MM-DD`, UTC): a deadline is a day, not an instant, so it does not shift with time zones.
 */
import type { TemplateView } from "../types";
import { addDays, isoDay, parseDate } from "./dates";

/** One dated task of a plan. */
export interface PlanTask {
  title: string;
  owner: "csm" | "customer";
  dueAt: string;
}

/** One dated milestone with its tasks (API.md account `plan`). */
export interface PlanMilestone {
  milestone: string;
  dueAt: string;
  tasks: PlanTask[];
}

/**
 * Build the plan for `template` starting on `startDate` (an ISO date or date-time; only its UTC day
 * is used). Milestones keep the template's order; tasks too.
 * @throws RangeError when `startDate` is not an ISO date.
 */
export function buildPlan(template: Pick<TemplateView, "milestones">, startDate: string): PlanMilestone[] {
  const ms = parseDate(startDate);
  if (ms === null || typeof startDate !== "string") throw new RangeError(`Not an ISO date: "${String(startDate)}"`);
  const start = isoDay(ms);
  return template.milestones.map((m) => ({
    milestone: m.name,
    dueAt: addDays(start, m.offsetDays),
    tasks: m.tasks.map((t) => ({ title: t.title, owner: t.owner, dueAt: addDays(start, t.offsetDays) })),
  }));
}
