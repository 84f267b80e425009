import { Badge, type Tone } from "../badge";
import { dueLabel, type DueState } from "./due";

const TONES: Record<DueState, Tone> = { overdue: "danger", soon: "warning", later: "neutral" };

export interface DueBadgeProps {
  dueAt: string | null | undefined;
  /** Defaults to the current time; pass the page's clock so every badge agrees. */
  now?: number;
}

/** "Overdue 3 h" (red), "Due in 5 h" (amber, within 24 h) or "Due Nov 28"; nothing without a due time. */
export function DueBadge({ dueAt, now }: DueBadgeProps) {
  const label = dueLabel(dueAt, now ?? Date.now());
  if (!label) return null;
  return (
    <span title={label.long} class="due-badge">
      <Badge tone={TONES[label.state]} dot={label.state !== "later"}>
        {label.text}
        <span class="visually-hidden"> ({label.long})</span>
      </Badge>
    </span>
  );
}
