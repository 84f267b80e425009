import { useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { Badge } from "../components/badge";
import { Button } from "../components/button";
import { formatAgo, formatDateTime } from "../components/due-badge";
import { EmptyState } from "../components/empty-state";
import { useListNav } from "../components/list-nav";
import { PageHeader } from "../components/page-header";
import { NoMatches, SearchField } from "../components/search-field";
import { LoadingBlock } from "../components/spinner";
import { Tabs, tabId, tabPanelId } from "../components/tabs";
import { errorMessage, type Page } from "../lib/api";
import type { OutboxEmail } from "../lib/api-types";
import { listOutbox } from "../lib/endpoints/outbox";
import { apiSearch, useSettledSearch } from "../lib/search";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import { deliveryOf, runLabel, senderOf, stepOf } from "./outbox/describe";
import { MODES, outboxHref, outboxViewFromQuery, type OutboxMode } from "./outbox/query";
import "./outbox/outbox.css";

/** `/outbox` (admins): every e-mail the product sent through the local outbox, with a safe preview. */
export function OutboxPage() {
  const { api, toasts } = useAppState();
  const { query, route } = useLocation();
  const view = outboxViewFromQuery(query);
  const { mode } = view;
  const search = useSettledSearch(view.q);
  const q = apiSearch(search.q);
  const [extra, setExtra] = useState<OutboxEmail[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  // Each page keeps the search it was asked for: while the next search loads, what is shown is still described by its own.
  const page = useLoad<Page<OutboxEmail> & { q?: string }>(() => listOutbox(api, { mode, q, limit: 50 }).then((p) => ({ ...p, q })), [mode, q]);
  const shownQ = page.state.data?.q;
  /** Filters and the search replace the address entry (opening an e-mail is a link, an entry of its own). */
  const go = (next: { mode?: OutboxMode; q?: string }) => route(outboxHref({ ...view, ...next, id: undefined }), true);
  const clearSearch = () => {
    search.now();
    go({ q: "" });
  };

  useEffect(() => {
    setExtra([]);
    setCursor(page.state.data?.nextCursor ?? null);
  }, [page.state.data]);

  const emails = [...(page.state.data?.items ?? []), ...extra];
  const selected = emails.find((e) => e.id === query.id) ?? emails[0];
  const nav = useListNav({ ids: emails.map((e) => e.id), selectedId: selected?.id });

  async function more() {
    if (!cursor) return;
    setMoreBusy(true);
    try {
      const next = await listOutbox(api, { mode, q: shownQ, cursor, limit: 50 });
      setExtra((x) => [...x, ...next.items]);
      setCursor(next.nextCursor);
    } catch (e) {
      // Without this the button just stopped spinning: say why, and leave "Show more" to try again.
      toasts.error(e, "Couldn't load more e-mails");
    } finally {
      setMoreBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Outbox"
        description="E-mails workflows sent: welcome e-mails, handoff links, reminders. Test-run e-mails are kept here and never delivered."
        actions={
          <>
            <label class="ob-mode">
              <span class="ob-mode__label">Show</span>
              <select class="control control--select" value={mode} onChange={(e) => go({ mode: e.currentTarget.value as OutboxMode })}>
                {MODES.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
            </label>
            <Button icon="refresh" loading={page.state.status === "loading" && !!page.state.data} onClick={page.reload}>
              Refresh
            </Button>
          </>
        }
      />
      {page.state.data === undefined ? (
        page.state.status === "error" ? (
          <div class="card">
            <EmptyState icon="alert" title="Couldn't load the outbox" action={<Button icon="refresh" onClick={page.reload}>Try again</Button>}>
              {errorMessage(page.state.error)}
            </EmptyState>
          </div>
        ) : (
          <LoadingBlock label="Loading e-mails…" />
        )
      ) : emails.length === 0 && !shownQ && !view.q ? (
        <div class="card">
          <EmptyState icon="outbox" title={mode === "all" ? "No e-mails yet" : `No ${mode} e-mails`}>
            When a workflow sends an e-mail — a welcome message, a handoff link, a reminder — it appears here.
          </EmptyState>
        </div>
      ) : (
        <div class="ob-layout">
          <section class="card ob-side" aria-label="E-mails">
            <div class="ob-toolbar">
              <SearchField
                label="Search e-mails"
                placeholder="Recipient, subject or account"
                value={view.q}
                onInput={(text) => {
                  search.typed();
                  go({ q: text });
                }}
                onClear={clearSearch}
              />
            </div>
            <div class="ob-side__body">
              {emails.length === 0 ? (
                shownQ ? (
                  <NoMatches
                    icon="outbox"
                    what="e-mails"
                    q={shownQ}
                    looksAt="each e-mail's recipients, subject and account"
                    scope={mode === "all" ? undefined : `Searched ${mode} e-mails only.`}
                    onClear={clearSearch}
                  />
                ) : (
                  <LoadingBlock label="Loading e-mails…" />
                )
              ) : (
                <ul class="ob-list" aria-label="E-mails, newest first" {...nav.listProps}>
                  {emails.map((e) => (
                    <li key={e.id}>
                      <a href={outboxHref({ ...view, id: e.id })} class="ob-row" aria-current={e.id === selected?.id ? "true" : undefined} {...nav.itemProps(e.id)}>
                        <span class="ob-row__top">
                          <span class="ob-row__to">{e.to}</span>
                          <span class="ob-row__when">{formatAgo(e.createdAt)}</span>
                        </span>
                        <span class="ob-row__subject">{e.subject}</span>
                        {e.run ? <span class="ob-row__run">{runLabel(e)}</span> : null}
                        <span class="ob-row__badges">{e.mode === "test" ? <Badge tone="warning">Test</Badge> : <Badge tone="success">Live</Badge>}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              {cursor ? (
                <div class="ob-more">
                  <Button size="sm" loading={moreBusy} onClick={more}>
                    Show more
                  </Button>
                </div>
              ) : null}
            </div>
          </section>
          {selected ? <EmailView key={selected.id} email={selected} /> : null}
        </div>
      )}
    </>
  );
}

type View = "html" | "text";

/** One e-mail: its envelope and body. HTML renders in a sandboxed frame with no scripts, no same-origin and no navigation. */
function EmailView({ email: e }: { email: OutboxEmail }) {
  const [view, setView] = useState<View>(e.html ? "html" : "text");
  const [height, setHeight] = useState(360);

  return (
    <article class="card ob-detail" aria-labelledby="ob-subject">
      <header class="ob-detail__header">
        <div class="cluster">
          {e.mode === "test" ? <Badge tone="warning">Test e-mail — not delivered</Badge> : <Badge tone="success">Live</Badge>}
          {e.mode === "live" ? e.provider === "http" && e.providerMessageId ? <Badge tone="success">Delivered</Badge> : <Badge tone="neutral">Not delivered</Badge> : null}
        </div>
        <h2 id="ob-subject" class="ob-detail__subject">
          {e.subject}
        </h2>
        <dl class="ob-envelope">
          <div>
            <dt>From</dt>
            <dd>{senderOf(e)}</dd>
          </div>
          <div>
            <dt>To</dt>
            <dd>{e.to}</dd>
          </div>
          {e.cc ? (
            <div>
              <dt>Cc</dt>
              <dd>{e.cc}</dd>
            </div>
          ) : null}
          <div>
            <dt>Sent</dt>
            <dd>{formatDateTime(e.createdAt)}</dd>
          </div>
          <div>
            <dt>Delivery</dt>
            <dd>{deliveryOf(e)}</dd>
          </div>
          {e.runId ? (
            <div>
              <dt>Run</dt>
              <dd>
                <a href={`/runs/${encodeURIComponent(e.runId)}`}>{runLabel(e) ?? e.runId}</a>
                {e.nodeId ? <span class="cell-muted"> · {stepOf(e.nodeId)}</span> : null}
              </dd>
            </div>
          ) : null}
        </dl>
      </header>
      {e.html ? (
        <Tabs
          label="Body format"
          idPrefix="ob-body"
          current={view}
          onChange={setView}
          tabs={[
            { id: "html", label: "Formatted" },
            { id: "text", label: "Plain text" },
          ]}
        />
      ) : null}
      <div class="ob-body" {...(e.html ? { role: "tabpanel", id: tabPanelId("ob-body"), "aria-labelledby": tabId("ob-body", view) } : {})}>
        {view === "html" && e.html ? (
          <iframe
            class="ob-frame"
            title={`Body of “${e.subject}”`}
            sandbox=""
            srcdoc={e.html}
            style={{ height: `${height}px` }}
            onLoad={() => {
              // A sandbox without same-origin hides the document; size by a rough line count instead.
              const lines = (e.html ?? "").split(/<br|<p|<li|<tr|<h\d|\n/i).length;
              setHeight(Math.min(900, Math.max(240, lines * 28 + 48)));
            }}
          />
        ) : (
          <pre class="ob-text">{e.text}</pre>
        )}
      </div>
    </article>
  );
}
