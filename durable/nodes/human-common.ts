/**
 * What the five human nodes share: the config fields of a queue task and turning them into a
 * TaskSpec. The run object opens the queue item from the TaskSpec and owns its due time, reminders,
 * escalation and timeout (a timeout completes the task on the `timeout` port).
 */
import { z } from "zod";
import { isoTime } from "../lib/dates";
import { render } from "../lib/template";
import { NodeError, type Assignee, type RunData, type TaskSpec } from "../types";
import type { TaskCompletion } from "./define";
import { AssigneeSchema, hours, template } from "./schemas";

/** Config of a task that goes to the queue (API.md: approval and review; form adds fields). */
export const queueTaskShape = {
  title: template("Title", 300, { required: true }),
  instructions: template("Instructions").optional(),
  assignee: AssigneeSchema,
  dueInHours: hours("Due in (hours)").optional(),
  remindEveryHours: hours("Remind every (hours)").optional(),
  escalateAfterHours: hours("Escalate after (hours)").optional(),
  escalateTo: AssigneeSchema.optional(),
};
const queueTask = z.object(queueTaskShape);
/** The parsed shared part of a queue task config. */
export type QueueTaskConfig = z.infer<typeof queueTask>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Render an e-mail template into an address, or fail the step: a task nobody receives is a bug. */
export function renderAddress(tpl: string, data: Readonly<RunData>, what: string): { email: string; missing: string[] } {
  const { text, missing } = render(tpl, data);
  const email = text.trim();
  if (!EMAIL.test(email)) {
    const hint = missing.length ? ` (no value at ${missing.join(", ")})` : "";
    throw new NodeError(`The ${what} "${email}" is not an e-mail address${hint}`, "invalid_recipient", false);
  }
  return { email, missing };
}

function resolveAssignee(assignee: z.infer<typeof AssigneeSchema>, data: Readonly<RunData>, missing: string[]): Assignee {
  if ("email" in assignee) {
    const resolved = renderAddress(assignee.email, data, "assignee");
    missing.push(...resolved.missing);
    return { email: resolved.email };
  }
  return { ...assignee };
}

/**
 * Build the TaskSpec for a queue task and the step output that describes it.
 * Absent due time means the task waits until someone acts (no timeout).
 */
export function buildQueueTask(
  kind: TaskSpec["kind"],
  cfg: QueueTaskConfig,
  data: Readonly<RunData>,
  now: number,
  extra: Partial<TaskSpec> = {},
): { task: TaskSpec; output: Record<string, unknown> } {
  const title = render(cfg.title, data);
  const instructions = cfg.instructions === undefined ? undefined : render(cfg.instructions, data);
  const missing = [...title.missing, ...(instructions?.missing ?? [])];
  const assignee = resolveAssignee(cfg.assignee, data, missing);
  const escalateTo = cfg.escalateTo ? resolveAssignee(cfg.escalateTo, data, missing) : undefined;
  const dueAt = cfg.dueInHours === undefined ? null : now + Math.round(cfg.dueInHours * 3_600_000);
  const task: TaskSpec = {
    kind,
    title: title.text.trim() || "Untitled task",
    assignee,
    dueAt,
    ...(instructions ? { instructions: instructions.text } : {}),
    ...(cfg.remindEveryHours !== undefined ? { remindEveryHours: cfg.remindEveryHours } : {}),
    ...(cfg.escalateAfterHours !== undefined ? { escalateAfterHours: cfg.escalateAfterHours } : {}),
    ...(escalateTo ? { escalateTo } : {}),
    ...extra,
  };
  return {
    task,
    output: { title: task.title, assignee, dueAt: isoTime(task.dueAt), missing: [...new Set(missing)] },
  };
}

/** Who completed a task, as recorded in the step output. */
export function completedBy(input: TaskCompletion): Record<string, unknown> | null {
  return input.by ? { id: input.by.id ?? null, name: input.by.name ?? null, email: input.by.email ?? null } : null;
}
