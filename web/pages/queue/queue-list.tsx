import { Badge, StatusPill } from "../../components/badge";
import { DueBadge, formatAgo } from "../../components/due-badge";
import { useListNav } from "../../components/list-nav";
import type { Person, QueueItem, SessionUser } from "../../lib/api-types";
import { KIND_INFO } from "./labels";

export interface QueueListProps {
  items: readonly QueueItem[];
  selectedId?: string;
  /** The view's query string, kept on item links so the list stays as it was. */
  search: string;
  me: SessionUser;
  people: Map<string, Person>;
  poolNames: Map<string, string>;
  now: number;
}

/** A person's name by id or e-mail (completedBy may be either), or what we were given. */
export function nameOf(people: Map<string, Person>, idOrEmail: string | null | undefined, me?: SessionUser): string {
  if (!idOrEmail) return "someone";
  if (me && (idOrEmail === me.id || idOrEmail === me.email)) return "you";
  return people.get(idOrEmail)?.name ?? idOrEmail;
}

/** Who has an item, in a few words: "Claimed by you", "Assigned to Sam Rivera", "In General pool". */
export function whoLine(item: QueueItem, me: SessionUser, people: Map<string, Person>, poolNames: Map<string, string>): string {
  if (item.status === "claimed") return `Claimed by ${nameOf(people, item.claimedBy, me)}`;
  if (item.kind === "handoff" && item.assigneeEmail) return `Waiting for ${item.assigneeEmail}`;
  if (item.assigneeId) return item.assigneeId === me.id ? "Assigned to you" : `Assigned to ${nameOf(people, item.assigneeId)}`;
  if (item.poolId) return `In ${poolNames.get(item.poolId) ?? (me.role === "csm" ? "your pool" : "a pool")}`;
  if (item.assigneeEmail) return `For ${item.assigneeEmail}`;
  return "Unassigned";
}

/**
 * The queue as a list of links, soonest due first (finished work newest first). ↓/↑ or j/k move,
 * Enter opens, and only the active row is a Tab stop.
 */
export function QueueList({ items, selectedId, search, me, people, poolNames, now }: QueueListProps) {
  const nav = useListNav({ ids: items.map((i) => i.id), selectedId });
  return (
    <ul class="q-list" aria-label="Queue items" {...nav.listProps}>
      {items.map((item) => {
        const done = item.status !== "open" && item.status !== "claimed";
        const selected = item.id === selectedId;
        return (
          <li key={item.id} class="q-list__item">
            <a
              href={`/queue/${encodeURIComponent(item.id)}${search}`}
              class="q-row"
              aria-current={selected ? "true" : undefined}
              {...nav.itemProps(item.id)}
            >
              <span class="q-row__badges">
                <Badge tone={KIND_INFO[item.kind].tone}>{KIND_INFO[item.kind].label}</Badge>
                {item.mode === "test" ? <Badge tone="muted">Test</Badge> : null}
                {done ? <StatusPill status={item.status} /> : <DueBadge dueAt={item.dueAt} now={now} />}
              </span>
              <span class="q-row__title">{item.title}</span>
              <span class="q-row__meta">
                {[item.subject.name, item.workflowName].filter(Boolean).join(" · ")}
              </span>
              <span class="q-row__who">
                {done
                  ? `${item.status === "completed" ? `Completed by ${nameOf(people, item.completedBy, me)}` : item.status === "expired" ? "Expired" : "Cancelled"} · ${formatAgo(item.completedAt ?? item.createdAt, now)}`
                  : `${whoLine(item, me, people, poolNames)} · ${formatAgo(item.createdAt, now)}`}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
