import { formatDateTime, formatSpan } from "./format";

/** Items due within this many milliseconds count as "due soon". */
export const DUE_SOON_MS = 24 * 3_600_000;

export type DueState = "overdue" | "soon" | "later";

/** Where a due time stands: past it, within 24 hours, or later. `null` when there is no due time. */
export function dueState(dueAt: string | null | undefined, now = Date.now()): DueState | null {
  if (!dueAt) return null;
  const ms = Date.parse(dueAt);
  if (Number.isNaN(ms)) return null;
  if (ms <= now) return "overdue";
  return ms - now < DUE_SOON_MS ? "soon" : "later";
}

export interface DueLabel {
  state: DueState;
  /** Short text for a badge: "Overdue 3 h", "Due in 5 h", "Due Nov 28". */
  text: string;
  /** The full sentence for `title`/screen readers. */
  long: string;
}

/** The badge text for a due time, or `null` when there is none. */
export function dueLabel(dueAt: string | null | undefined, now = Date.now()): DueLabel | null {
  const state = dueState(dueAt, now);
  if (!state || !dueAt) return null;
  const ms = Date.parse(dueAt);
  const when = formatDateTime(dueAt);
  if (state === "overdue") return { state, text: `Overdue ${formatSpan(now - ms)}`, long: `Overdue since ${when}` };
  if (state === "soon") return { state, text: `Due in ${formatSpan(ms - now)}`, long: `Due ${when}` };
  const day = new Date(ms).toLocaleDateString(undefined, { month: "short", day: "numeric" });
  return { state, text: `Due ${day}`, long: `Due ${when}` };
}
