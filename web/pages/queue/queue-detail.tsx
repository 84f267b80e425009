import { useEffect, useRef } from "preact/hooks";
import { Badge, StatusPill } from "../../components/badge";
import { DRAWER_QUERY } from "../../components/app-frame/nav-drawer";
import { Button } from "../../components/button";
import { DueBadge, formatDateTime } from "../../components/due-badge";
import { EmptyState } from "../../components/empty-state";
import { LoadingBlock } from "../../components/spinner";
import { ApiError, errorMessage } from "../../lib/api";
import type { Person, QueueItem, QueueItemDetail, SessionUser } from "../../lib/api-types";
import { getQueueItem } from "../../lib/endpoints/queue";
import { useLoad } from "../../lib/use-load";
import { useAppState } from "../../state/context";
import { ContextPanel } from "./context-panel";
import { KIND_INFO } from "./labels";
import { NextStep, RunTasks, useRunTasks } from "./run-tasks";
import { TaskPanel } from "./task-panel";
import { QUEUE_REFRESH_MS } from "./use-queue-list";

/** Who holds an item and where it stands: when this moves under an open item, the list's row is stale too. */
const holding = (i: QueueItem) => [i.status, i.claimedBy, i.assigneeId, i.poolId, i.assigneeEmail].join("|");

/** The list row's fields of a detail (the list keeps rows, not forms and context). */
function rowOf(d: QueueItemDetail): QueueItem {
  const { form: _form, context: _context, ...row } = d;
  return row;
}

/** Stands in for the item while it loads, so the run's tasks hook is always called. */
const PLACEHOLDER = { id: "", runId: "", status: "open", mode: "live", createdAt: "" } as QueueItem;

export interface QueueDetailProps {
  id: string;
  me: SessionUser;
  people: Map<string, Person>;
  search: string;
  now: number;
  /** A change the server confirmed, so the list and counts follow. */
  onChanged: (item: QueueItem) => void;
}

/**
 * Brings the opened item's detail to the top of a phone's screen (under the sticky top bar, see
 * `.q-detail`'s scroll margin in queue.css), gliding unless the person asked for less motion, and
 * puts focus on its title so a screen reader announces it.
 */
function showOnPhone(detail: HTMLElement | null, title: HTMLElement | null) {
  const still = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  detail?.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
  title?.focus({ preventScroll: true });
}

/** One queue item: what it is, what the person can do, and the context they need to do it. */
export function QueueDetail({ id, me, people, search, now, onChanged }: QueueDetailProps) {
  const { api } = useAppState();
  const loaded = useLoad(() => getQueueItem(api, id), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  const article = useRef<HTMLElement>(null);
  const focusedFor = useRef<string | null>(null);
  const item = loaded.state.data?.id === id ? loaded.state.data : undefined;
  const run = useRunTasks(item ?? PLACEHOLDER);
  const seen = useRef<{ id: string; holding: string } | null>(null);

  // A reload (after a 409 on claim, or the background refresh) that finds the item claimed, finished
  // or moved by someone else tells the page, so the list row and counts stop showing the old state.
  useEffect(() => {
    if (!item) return;
    const now = holding(item);
    const before = seen.current;
    seen.current = { id, holding: now };
    if (before?.id === id && before.holding !== now) onChanged(rowOf(item));
  }, [item, id]);

  // Someone else may claim or finish it meanwhile: keep it fresh while it is open.
  useEffect(() => {
    const t = setInterval(() => {
      if (!document.hidden) void loaded.reload();
    }, QUEUE_REFRESH_MS);
    return () => clearInterval(t);
  }, [id]);

  // Opening an item moves focus to its title (once per item, never on a background refresh).
  // At phone width the detail sits under the whole list, so it is also scrolled to the top of the
  // screen; otherwise the tap seems to do nothing.
  useEffect(() => {
    if (item && focusedFor.current !== id) {
      focusedFor.current = id;
      if (window.matchMedia?.(DRAWER_QUERY).matches) showOnPhone(article.current, heading.current);
      else heading.current?.focus({ preventScroll: false });
    }
  }, [item, id]);

  if (!item) {
    const err = loaded.state.status === "error" ? loaded.state.error : null;
    if (err instanceof ApiError && err.status === 404) {
      return (
        <EmptyState as="h2" icon="lock" title="This item isn't in your queue">
          It may have been reassigned, or it belongs to a pool you are not in.
        </EmptyState>
      );
    }
    if (err) {
      return (
        <EmptyState
          as="h2"
          icon="alert"
          title="Couldn't load this item"
          action={
            <Button icon="refresh" onClick={loaded.reload}>
              Try again
            </Button>
          }
        >
          {errorMessage(err)}
        </EmptyState>
      );
    }
    return <LoadingBlock label="Loading the item…" />;
  }

  const changed = (u: QueueItem) => {
    // Our own change: the page hears of it here, not again from the effect above.
    seen.current = { id, holding: holding({ ...item, ...u }) };
    loaded.update((d: QueueItemDetail) => ({ ...d, ...u }));
    onChanged(u);
  };

  return (
    <article class="q-detail" ref={article} aria-labelledby="q-detail-title">
      <header class="q-detail__header">
        <div class="q-row__badges">
          <Badge tone={KIND_INFO[item.kind].tone}>{KIND_INFO[item.kind].label}</Badge>
          <StatusPill status={item.status} />
          {item.status === "open" || item.status === "claimed" ? <DueBadge dueAt={item.dueAt} now={now} /> : null}
          {item.mode === "test" ? <Badge tone="muted">Test run</Badge> : null}
        </div>
        <h2 id="q-detail-title" class="q-detail__title" tabIndex={-1} ref={heading}>
          {item.title}
        </h2>
        <p class="q-detail__meta">
          {[item.subject.name, item.workflowName].filter(Boolean).join(" · ")} · created {formatDateTime(item.createdAt)}
          {item.dueAt ? ` · due ${formatDateTime(item.dueAt)}` : ""}
        </p>
      </header>
      <TaskPanel key={item.id} item={item} me={me} people={people} onChanged={changed} onStale={loaded.reload} next={<NextStep next={run.next} search={search} />} />
      <ContextPanel item={item} me={me} people={people} />
      <RunTasks item={item} tasks={run.tasks} search={search} />
    </article>
  );
}
