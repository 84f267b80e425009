/**
 * The template editor's draft: milestones and tasks as the form holds them (day offsets as typed
 * text, a stable key per row so focus survives reordering), the checks the server also makes, the
 * body to save, and the plan preview — due dates from a start date, by the server's own plan builder
 * (every offset counts business days from day 0, not from the previous milestone).
 */
import { buildPlan } from "../../../durable/lib/plan";
import type { OnboardingTemplate, PlanMilestone, TaskOwner, TemplateInput } from "../../lib/api-types";

export interface TaskDraft {
  key: string;
  title: string;
  owner: TaskOwner;
  offsetDays: string;
}

export interface MilestoneDraft {
  key: string;
  name: string;
  offsetDays: string;
  tasks: TaskDraft[];
}

export interface TemplateDraft {
  name: string;
  description: string;
  milestones: MilestoneDraft[];
}

/** Errors keyed by the API's dotted paths (`milestones.0.tasks.1.title`), plus `form`. */
export type DraftErrors = Record<string, string>;

export const MAX_OFFSET_DAYS = 3650;

let seq = 0;
const key = () => `k${++seq}`;

export const newTask = (offsetDays = "0"): TaskDraft => ({ key: key(), title: "", owner: "csm", offsetDays });
export const newMilestone = (offsetDays = "0"): MilestoneDraft => ({ key: key(), name: "", offsetDays, tasks: [newTask(offsetDays)] });

/** The draft of an existing template, or of a new one (one empty milestone to start from). */
export function draftFromTemplate(t: Pick<OnboardingTemplate, "name" | "description" | "milestones"> | null): TemplateDraft {
  if (!t) return { name: "", description: "", milestones: [newMilestone()] };
  return {
    name: t.name,
    description: t.description ?? "",
    milestones: t.milestones.map((m) => ({
      key: key(),
      name: m.name,
      offsetDays: String(m.offsetDays),
      tasks: m.tasks.map((x) => ({ key: key(), title: x.title, owner: x.owner, offsetDays: String(x.offsetDays) })),
    })),
  };
}

/** A day offset as typed, or `null` when it is not a whole number between 0 and 3650. */
export function parseOffset(s: string): number | null {
  if (!/^\s*\d+\s*$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_OFFSET_DAYS ? n : null;
}

const OFFSET_MESSAGE = `A whole number of days from 0 to ${MAX_OFFSET_DAYS}`;

/** The problems the server would refuse, by path. Empty when the draft can be saved. */
export function validateDraft(d: TemplateDraft): DraftErrors {
  const e: DraftErrors = {};
  if (!d.name.trim()) e.name = "Give the template a name";
  else if (d.name.trim().length > 120) e.name = "At most 120 characters";
  if (d.description.length > 2000) e.description = "At most 2,000 characters";
  if (d.milestones.length === 0) e.form = "Add at least one milestone: an empty plan gives the CSM nothing to do";
  d.milestones.forEach((m, i) => {
    if (!m.name.trim()) e[`milestones.${i}.name`] = "Name the milestone";
    if (parseOffset(m.offsetDays) === null) e[`milestones.${i}.offsetDays`] = OFFSET_MESSAGE;
    m.tasks.forEach((t, j) => {
      if (!t.title.trim()) e[`milestones.${i}.tasks.${j}.title`] = "Describe the task";
      if (parseOffset(t.offsetDays) === null) e[`milestones.${i}.tasks.${j}.offsetDays`] = OFFSET_MESSAGE;
    });
  });
  return e;
}

/** The body of `POST`/`PUT /api/templates` (call after `validateDraft` found nothing). */
export function toTemplateInput(d: TemplateDraft): TemplateInput {
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    milestones: d.milestones.map((m) => ({
      name: m.name.trim(),
      offsetDays: parseOffset(m.offsetDays) ?? 0,
      tasks: m.tasks.map((t) => ({ title: t.title.trim(), owner: t.owner, offsetDays: parseOffset(t.offsetDays) ?? 0 })),
    })),
  };
}

/**
 * The plan the template would give an account starting on `startDate` (business days; a weekend
 * start moves to Monday); offsets not yet valid count as day 0.
 */
export function previewPlan(d: TemplateDraft, startDate: string): PlanMilestone[] {
  return buildPlan(toTemplateInput(d), startDate);
}

/** How long the plan runs: the latest offset of any milestone or task. */
export function planLength(d: Pick<TemplateInput, "milestones">): number {
  return Math.max(0, ...d.milestones.flatMap((m) => [m.offsetDays, ...m.tasks.map((t) => t.offsetDays)]));
}

/** `list` with the item at `i` moved by `delta` places (unchanged at the ends). */
export function move<T>(list: readonly T[], i: number, delta: number): T[] {
  const j = i + delta;
  if (j < 0 || j >= list.length) return [...list];
  const next = [...list];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** Whether two drafts would save the same template. */
export function sameTemplate(a: TemplateDraft, b: TemplateDraft): boolean {
  const strip = (d: TemplateDraft) => JSON.stringify({ ...d, milestones: d.milestones.map((m) => ({ ...m, key: 0, tasks: m.tasks.map((t) => ({ ...t, key: 0 })) })) });
  return strip(a) === strip(b);
}
