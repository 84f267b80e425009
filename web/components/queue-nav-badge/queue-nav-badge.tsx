import { useEffect } from "preact/hooks";
import { cx } from "../../lib/cx";
import { useAppState } from "../../state/context";
import "./queue-nav-badge.css";

/**
 * The count beside "Queue" in the navigation: open items this person can see plus the ones they
 * hold, red when any is overdue. Watching it keeps the counts polling while signed in.
 */
export function QueueNavBadge() {
  const { queueCounts } = useAppState();
  useEffect(() => queueCounts.watch(), []);
  const c = queueCounts.counts.value;
  const n = queueCounts.attention.value;
  if (!c || n === 0) return null;
  const overdue = c.overdue > 0;
  return (
    <span class={cx("nav-count", overdue && "nav-count--overdue")} data-testid="queue-count">
      {n > 99 ? "99+" : n}
      <span class="visually-hidden">
        {` ${n === 1 ? "item" : "items"} waiting`}
        {overdue ? `, ${c.overdue} overdue` : ""}
      </span>
    </span>
  );
}
