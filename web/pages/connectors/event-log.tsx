import { useEffect, useState } from "preact/hooks";
import { Badge, type Tone } from "../../components/badge";
import { Button } from "../../components/button";
import { formatAgo } from "../../components/due-badge";
import { EmptyState } from "../../components/empty-state";
import { Icon } from "../../components/icon";
import { Loadable } from "../../components/loadable";
import { Table } from "../../components/table";
import type { ConnectorEvent, ConnectorEventOutcome, StartedRun } from "../../lib/api-types";
import { listConnectorEvents } from "../../lib/endpoints/connectors";
import { useLoad } from "../../lib/use-load";
import { useAppState } from "../../state/context";
import { useVisibleInterval } from "./use-visible-interval";

export const EVENT_PAGE_SIZE = 20;
/** How often an open log asks for new events. */
export const EVENT_REFRESH_MS = 5000;

/** The reason a claimed event carries until its outcome is known (worker/crm/event-log.ts). */
const PROCESSING = "Processing…";

export const OUTCOME_STYLES: Record<ConnectorEventOutcome, { tone: Tone; label: string }> = {
  started: { tone: "success", label: "Started" },
  ignored: { tone: "neutral", label: "Ignored" },
  duplicate: { tone: "muted", label: "Duplicate" },
  rejected: { tone: "danger", label: "Rejected" },
};

const OUTCOME_FILTERS: { value: "" | ConnectorEventOutcome; label: string }[] = [
  { value: "", label: "All outcomes" },
  { value: "started", label: "Started a run" },
  { value: "ignored", label: "Ignored" },
  { value: "duplicate", label: "Duplicate" },
  { value: "rejected", label: "Rejected" },
];

/** "Mar 27, 14:05:09": event logs are read to the second. */
export function formatEventTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function OutcomeBadge({ event: e }: { event: ConnectorEvent }) {
  if (e.reason === PROCESSING) return <Badge tone="info">Processing</Badge>;
  const s = OUTCOME_STYLES[e.outcome] ?? { tone: "neutral" as const, label: e.outcome };
  return (
    <Badge tone={s.tone} dot>
      {s.label}
    </Badge>
  );
}

/**
 * Links to runs, each named by its workflow (“QA onboarding”) when the server named it — a run id
 * alone says nothing to an admin — and by its id otherwise (a run no longer in the runs index).
 */
export function RunLinks({ runIds, named = [] }: { runIds: readonly string[]; named?: readonly StartedRun[] }) {
  if (!runIds.length) return <span class="cell-muted">—</span>;
  const byId = new Map(named.map((r) => [r.id, r]));
  return (
    <ul class="con-run-links">
      {runIds.map((id) => {
        const run = byId.get(id);
        return (
          <li key={id}>
            {run ? (
              <a href={`/runs/${encodeURIComponent(id)}`} title={id}>
                <span class="visually-hidden">Run of </span>“{run.workflowName}”
              </a>
            ) : (
              <a href={`/runs/${encodeURIComponent(id)}`} class="con-mono con-break">
                <span class="visually-hidden">Run </span>
                {id}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export interface EventLogProps {
  connectorId: string;
  /** Changes after the page delivered an event itself: back to the newest events, all outcomes. */
  refreshKey: number;
}

/** The connector's received events, newest first, filtered by outcome, a page at a time, refreshed every few seconds. */
export function EventLog({ connectorId, refreshKey }: EventLogProps) {
  const { api } = useAppState();
  const [outcome, setOutcome] = useState<"" | ConnectorEventOutcome>("");
  // The cursors of the pages before this one, to go back; null is the newest page.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [refreshing, setRefreshing] = useState(false);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(
    () => listConnectorEvents(api, connectorId, { outcome: outcome || undefined, cursor, limit: EVENT_PAGE_SIZE }),
    [connectorId, outcome, cursor, refreshKey],
  );

  useEffect(() => {
    if (refreshKey === 0) return;
    setOutcome("");
    setCursors([null]);
  }, [refreshKey]);

  useVisibleInterval(() => {
    if (page.state.status !== "loading") void page.reload();
  }, EVENT_REFRESH_MS);

  async function refresh() {
    setRefreshing(true);
    try {
      await page.reload();
    } finally {
      setRefreshing(false);
    }
  }

  return (
    <>
      <div class="table-toolbar con-toolbar">
        <label class="con-filter">
          <span class="con-filter__label">Outcome</span>
          <select
            class="control control--select"
            value={outcome}
            onChange={(e) => {
              setOutcome(e.currentTarget.value as "" | ConnectorEventOutcome);
              setCursors([null]);
            }}
          >
            {OUTCOME_FILTERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <span class="cell-muted con-toolbar__note">Refreshes every {EVENT_REFRESH_MS / 1000} seconds</span>
        <Button size="sm" icon="refresh" loading={refreshing} onClick={refresh}>
          Refresh
        </Button>
      </div>
      <Loadable loaded={page} what="events">
        {(p) => (
          <>
            <Table<ConnectorEvent>
              caption="Event log, newest first"
              rows={p.items}
              rowKey={(e) => e.id}
              empty={
                <EmptyState icon="connectors" title={outcome || cursor ? "No events match" : "No events yet"}>
                  {outcome || cursor
                    ? "Try another outcome."
                    : "Every delivery from the CRM is listed here with what it did: started a run, was ignored or a duplicate, or was rejected."}
                </EmptyState>
              }
              columns={[
                {
                  key: "time",
                  header: "Received",
                  width: "150px",
                  render: (e) => (
                    <time dateTime={e.receivedAt} title={formatAgo(e.receivedAt)}>
                      {formatEventTime(e.receivedAt)}
                    </time>
                  ),
                },
                { key: "type", header: "Type", width: "21%", render: (e) => <span class="con-mono con-break">{e.type}</span> },
                {
                  key: "object",
                  header: "Object",
                  width: "15%",
                  render: (e) => (e.objectId ? <span class="con-mono con-break">{e.objectId}</span> : <span class="cell-muted">—</span>),
                },
                {
                  key: "verified",
                  header: "Verified",
                  width: "90px",
                  render: (e) =>
                    e.verified ? (
                      <span class="con-verified">
                        <Icon name="check" size={14} />
                        Yes
                      </span>
                    ) : (
                      <span class="con-verified con-verified--no">
                        <Icon name="alert" size={14} />
                        No
                      </span>
                    ),
                },
                {
                  key: "outcome",
                  header: "Outcome",
                  render: (e) => (
                    <div class="con-outcome">
                      <OutcomeBadge event={e} />
                      {e.reason && e.reason !== PROCESSING ? <span class="cell-muted con-reason">{e.reason}</span> : null}
                    </div>
                  ),
                },
                { key: "runs", header: "Runs", width: "200px", render: (e) => <RunLinks runIds={e.runIds} named={e.startedRuns} /> },
              ]}
            />
            {cursors.length > 1 || p.nextCursor ? (
              <nav class="con-pager" aria-label="Pages of events">
                <span>Page {cursors.length}</span>
                <span class="cluster">
                  <Button size="sm" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                    Newer
                  </Button>
                  <Button size="sm" disabled={!p.nextCursor} onClick={() => p.nextCursor && setCursors((c) => [...c, p.nextCursor])}>
                    Older
                  </Button>
                </span>
              </nav>
            ) : null}
          </>
        )}
      </Loadable>
    </>
  );
}
