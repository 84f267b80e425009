import { useEffect, useState } from "preact/hooks";
import { Badge, StatusPill } from "../../components/badge";
import { Card } from "../../components/card";
import { formatAgo } from "../../components/due-badge";
import type { QueueItem } from "../../lib/api-types";
import { listQueue } from "../../lib/endpoints/queue";
import { useAppState } from "../../state/context";
import { KIND_INFO } from "./labels";

/** After a completion the run needs a moment to reach its next step: look again at these delays. */
const FOLLOW_UP_MS = [700, 1800, 4000, 8000];

/**
 * The run's human steps that this person can see, oldest first — and, once `item` is finished,
 * the next step the run waits at (looked up again a few times while the run gets there).
 */
export function useRunTasks(item: QueueItem): { tasks: QueueItem[] | null; next: QueueItem | null } {
  const { api } = useAppState();
  const [tasks, setTasks] = useState<QueueItem[] | null>(null);

  useEffect(() => {
    if (!item.runId) return;
    let live = true;
    const load = async () => {
      const q = { runId: item.runId, mode: item.mode, limit: 50 } as const;
      const [active, done] = await Promise.all([listQueue(api, { ...q, status: "active" }), listQueue(api, { ...q, status: "done" })]);
      if (!live) return;
      setTasks([...done.items, ...active.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)));
    };
    load().catch(() => live && setTasks((t) => t ?? []));
    const finished = item.status !== "open" && item.status !== "claimed";
    const timers = finished ? FOLLOW_UP_MS.map((ms) => setTimeout(() => void load().catch(() => undefined), ms)) : [];
    return () => {
      live = false;
      timers.forEach(clearTimeout);
    };
  }, [item.id, item.runId, item.status]);

  const next =
    item.status === "completed"
      ? (tasks ?? []).find((t) => t.id !== item.id && (t.status === "open" || t.status === "claimed") && t.createdAt >= item.createdAt) ?? null
      : null;
  return { tasks, next };
}

/** "Next step: <link>" after completing an item, when the run waits at another step this person can see. */
export function NextStep({ next, search }: { next: QueueItem | null; search: string }) {
  if (!next) return null;
  return (
    <p class="q-next">
      Next step: <a href={`/queue/${encodeURIComponent(next.id)}${search}`}>{next.title}</a>
    </p>
  );
}

export interface RunTasksProps {
  item: QueueItem;
  tasks: QueueItem[] | null;
  /** Kept on links so the list beside stays as it was. */
  search: string;
}

/** The run's human steps as a list: what happened before this one and what came after. */
export function RunTasks({ item, tasks, search }: RunTasksProps) {
  if (!tasks || tasks.length === 0) return null;
  return (
    <Card title="This run's tasks" description="Human steps of this run you can see, oldest first." class="q-context">
      <ol class="q-run-tasks">
        {tasks.map((t) => (
          <li key={t.id} class="q-run-task">
            <Badge tone={KIND_INFO[t.kind].tone}>{KIND_INFO[t.kind].label}</Badge>
            {t.id === item.id ? (
              <span class="q-run-task__title" aria-current="true">
                {t.title} <span class="cell-muted">(this item)</span>
              </span>
            ) : (
              <a class="q-run-task__title" href={`/queue/${encodeURIComponent(t.id)}${search}`}>
                {t.title}
              </a>
            )}
            <StatusPill status={t.status} />
            <span class="q-run-task__when">{formatAgo(t.completedAt ?? t.createdAt)}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
