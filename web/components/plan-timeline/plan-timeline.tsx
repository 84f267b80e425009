import { businessDaysBetween } from "../../../durable/lib/dates";
import { useId } from "preact/hooks";
import { cx } from "../../lib/cx";
import type { PlanMilestone, PlanTask } from "../../lib/api-types";
import { Badge } from "../badge";
import { daysBetween, formatDateTime, formatWeekday } from "../due-badge";
import "./plan-timeline.css";

export interface PlanTimelineProps {
  plan: readonly PlanMilestone[];
  /** Show each date relative to this day (`YYYY-MM-DD`): "in 5 days", "3 days ago". */
  today?: string;
  /** Show each date as "Day N", in business days from this day (template previews). */
  startDate?: string;
  /** Names the list for assistive tech. */
  label: string;
  /**
   * Makes each task a checkbox and shows each milestone's progress (account pages). Called with the
   * milestone's and the task's index and the state the person asked for.
   */
  onToggle?: (milestone: number, task: number, done: boolean) => void;
}

/** How many of `tasks` are ticked done. */
export function doneCount(tasks: readonly PlanTask[]): number {
  return tasks.reduce((n, t) => n + (t.done ? 1 : 0), 0);
}

/** "today", "tomorrow", "in 5 days", "3 days ago". */
export function relativeDay(day: string, today: string): string {
  const d = daysBetween(today, day);
  if (d === 0) return "today";
  if (d === 1) return "tomorrow";
  if (d === -1) return "yesterday";
  return d > 0 ? `in ${d} days` : `${-d} days ago`;
}

const OWNER_LABEL = { csm: "CSM", customer: "Customer" } as const;

/**
 * An onboarding plan as a vertical timeline: each milestone with its due date and its tasks
 * (owner and due date). Past milestones are dimmed and the next one is marked.
 */
export function PlanTimeline({ plan, today, startDate, label, onToggle }: PlanTimelineProps) {
  const uid = useId();
  const nextIndex = today ? plan.findIndex((m) => m.dueAt >= today) : -1;
  return (
    <ol class="timeline" aria-label={label}>
      {plan.map((m, i) => {
        const past = today ? m.dueAt < today : false;
        return (
          <li key={`${i}-${m.milestone}`} class={cx("timeline__milestone", past && "is-past", i === nextIndex && "is-next")}>
            <span class="timeline__marker" aria-hidden="true" />
            <div class="timeline__head">
              <h3 class="timeline__name">{m.milestone || "Untitled milestone"}</h3>
              <span class="timeline__date">
                <time dateTime={m.dueAt}>{formatWeekday(m.dueAt)}</time>
                {startDate ? <span class="timeline__rel"> · Day {m.day ?? businessDaysBetween(startDate, m.dueAt)}</span> : null}
                {today ? <span class="timeline__rel"> · {relativeDay(m.dueAt, today)}</span> : null}
              </span>
              {i === nextIndex ? <Badge tone="brand">Next</Badge> : null}
              {onToggle && m.tasks.length ? (
                <span class="timeline__progress">
                  {doneCount(m.tasks)} of {m.tasks.length} done
                </span>
              ) : null}
            </div>
            {m.tasks.length ? (
              <ul class="timeline__tasks">
                {m.tasks.map((t, j) => (
                  <li key={j} class={cx("timeline__task", today && t.dueAt < today && !t.done && "is-past", t.done && "is-done")}>
                    {onToggle ? (
                      <span class="timeline__task-title timeline__check">
                        <input id={`${uid}-${i}-${j}`} type="checkbox" checked={!!t.done} onChange={(e) => onToggle(i, j, e.currentTarget.checked)} />
                        <span>
                          <label class="timeline__task-name" for={`${uid}-${i}-${j}`}>
                            {t.title || "Untitled task"}
                          </label>
                          {t.done && t.doneBy ? (
                            <span class="timeline__done-by">
                              Done by {t.doneBy.name}
                              {t.doneAt ? ` · ${formatDateTime(t.doneAt)}` : ""}
                            </span>
                          ) : null}
                        </span>
                      </span>
                    ) : (
                      <span class="timeline__task-title">{t.title || "Untitled task"}</span>
                    )}
                    <Badge tone={t.owner === "customer" ? "info" : "neutral"}>{OWNER_LABEL[t.owner]}</Badge>
                    <time class="timeline__task-date" dateTime={t.dueAt}>
                      {formatWeekday(t.dueAt)}
                      {startDate ? ` · Day ${t.day ?? businessDaysBetween(startDate, t.dueAt)}` : ""}
                    </time>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="timeline__empty">No tasks</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
