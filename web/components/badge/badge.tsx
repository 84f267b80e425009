import type { ComponentChildren } from "preact";
import { cx } from "../../lib/cx";

export type Tone = "neutral" | "brand" | "success" | "warning" | "danger" | "info" | "muted";

export interface BadgeProps {
  tone?: Tone;
  /** A coloured dot before the text (status pills). */
  dot?: boolean;
  class?: string;
  children?: ComponentChildren;
}

/** A small label: roles, counts, flags. */
export function Badge({ tone = "neutral", dot, class: cls, children }: BadgeProps) {
  return (
    <span class={cx("badge", `badge--${tone}`, cls)}>
      {dot ? <span class="badge__dot" aria-hidden="true" /> : null}
      {children}
    </span>
  );
}

/**
 * Every status the product shows, with its colour and label, in one place so the same status looks
 * the same on every page (workflows, runs, steps, queue items, connectors, users).
 */
export const STATUS_STYLES: Record<string, { tone: Tone; label: string }> = {
  draft: { tone: "neutral", label: "Draft" },
  active: { tone: "success", label: "Active" },
  paused: { tone: "warning", label: "Paused" },
  archived: { tone: "muted", label: "Archived" },
  running: { tone: "info", label: "Running" },
  completed: { tone: "success", label: "Completed" },
  failed: { tone: "danger", label: "Failed" },
  cancelled: { tone: "muted", label: "Cancelled" },
  skipped: { tone: "muted", label: "Skipped" },
  open: { tone: "info", label: "Open" },
  claimed: { tone: "brand", label: "Claimed" },
  expired: { tone: "warning", label: "Expired" },
  connected: { tone: "success", label: "Connected" },
  disconnected: { tone: "muted", label: "Disconnected" },
  error: { tone: "danger", label: "Error" },
  deactivated: { tone: "muted", label: "Deactivated" },
};

/**
 * The one word for each run (and step) status wherever a run is shown. A run that waits for a person
 * or a delay is "Waiting", never "Paused": "Paused" is a workflow's status.
 */
export const RUN_STATUS_LABELS: Record<string, string> = {
  running: "Running",
  paused: "Waiting",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped",
};

export interface StatusPillProps {
  status: string;
  /** Overrides the standard label. */
  label?: string;
}

/** A status as a coloured pill with a dot; unknown statuses render neutral with their raw name. */
export function StatusPill({ status, label }: StatusPillProps) {
  const style = STATUS_STYLES[status] ?? { tone: "neutral" as const, label: status };
  return (
    <Badge tone={style.tone} dot class="status-pill">
      {label ?? style.label}
    </Badge>
  );
}

/** A run's or a step's status as a pill, in the run words (RUN_STATUS_LABELS). */
export function RunStatusPill({ status }: { status: string }) {
  return <StatusPill status={status} label={RUN_STATUS_LABELS[status]} />;
}
