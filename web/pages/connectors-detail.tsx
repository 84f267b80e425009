import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { StatusPill } from "../components/badge";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { ConfirmDialog } from "../components/confirm-dialog";
import { formatAgo, formatDateTime } from "../components/due-badge";
import { EmptyState } from "../components/empty-state";
import { Icon } from "../components/icon";
import { PageHeader } from "../components/page-header";
import { LoadingBlock } from "../components/spinner";
import { ApiError, errorMessage } from "../lib/api";
import type { Connector, ConnectorTestResult, SendTestEventResult } from "../lib/api-types";
import { deleteConnector, getConnector, sendTestEvent, testConnector } from "../lib/endpoints/connectors";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import { EditConnectorDialog } from "./connectors/connector-dialogs";
import { KIND_LABELS, fieldsFor, salesforceAuthOf } from "./connectors/connector-form";
import { CopyField } from "./connectors/copy-field";
import { CrmMark } from "./connectors/crm-mark";
import { EVENT_REFRESH_MS, EventLog, RunLinks } from "./connectors/event-log";
import { ModeBadge, STATUS_LABELS, announceTest } from "./connectors/shared";
import { SetupSteps, isLocalUrl } from "./connectors/setup-steps";
import { StagesCard } from "./connectors/stages-card";
import { useVisibleInterval } from "./connectors/use-visible-interval";
import { VerificationCard } from "./connectors/verification-card";
import "./connectors/connectors.css";

const back = <a href="/connectors">← Connectors</a>;

/** `/connectors/:id` (admins): one connector — webhook URL and setup steps, health, tests and its event log. */
export function ConnectorDetailPage({ id }: { id: string }) {
  const { api } = useAppState();
  const loaded = useLoad(() => getConnector(api, id), [id]);
  const s = loaded.state;
  // Status, last event and Notion's verification change from outside (the CRM): keep them fresh.
  useVisibleInterval(() => {
    if (s.status === "ready") void loaded.reload();
  }, EVENT_REFRESH_MS);

  if (!s.data) {
    if (s.status === "error") {
      const gone = s.error instanceof ApiError && s.error.status === 404;
      return (
        <>
          <PageHeader title="Connector" eyebrow={back} />
          <Card>
            <EmptyState
              icon={gone ? "connectors" : "alert"}
              title={gone ? "This connector doesn't exist" : "Couldn't load the connector"}
              action={gone ? <a href="/connectors">See all connectors</a> : <Button icon="refresh" onClick={loaded.reload}>Try again</Button>}
            >
              {gone ? "It may have been deleted." : errorMessage(s.error)}
            </EmptyState>
          </Card>
        </>
      );
    }
    return <LoadingBlock label="Loading the connector…" />;
  }
  return <ConnectorView connector={s.data} onChange={(c) => loaded.update(() => c)} reload={loaded.reload} />;
}

interface ViewProps {
  connector: Connector;
  onChange: (c: Connector) => void;
  reload: () => Promise<void>;
}

function ConnectorView({ connector: c, onChange, reload }: ViewProps) {
  const { api, toasts } = useAppState();
  const { route } = useLocation();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<ConnectorTestResult | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<SendTestEventResult | { error: string; usedUp?: boolean } | null>(null);
  const [logKey, setLogKey] = useState(0);
  const crm = KIND_LABELS[c.kind] ?? c.kind;

  async function runTest() {
    setTesting(true);
    setTestResult(null);
    try {
      setTestResult(await testConnector(api, c.id));
      await reload();
    } catch (e) {
      setTestResult({ ok: false, detail: errorMessage(e) });
    } finally {
      setTesting(false);
    }
  }

  async function runSendTestEvent() {
    setSending(true);
    setSent(null);
    try {
      const result = await sendTestEvent(api, c.id);
      setSent(result);
      setLogKey((k) => k + 1);
      void reload();
    } catch (e) {
      // Every sample record already has a run: not a failure of the webhook, a limit to explain.
      setSent({ error: errorMessage(e), usedUp: e instanceof ApiError && e.code === "samples_used_up" });
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <PageHeader
        title={c.name}
        eyebrow={back}
        description={
          <span class="con-header-meta">
            <CrmMark kind={c.kind} size={20} />
            {crm} connector
            <ModeBadge mode={c.mode} />
            <StatusPill status={c.status} label={STATUS_LABELS[c.status]} />
          </span>
        }
        actions={
          <>
            <Button icon="trash" onClick={() => setDeleting(true)}>
              Delete
            </Button>
            <Button icon="edit" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button icon="refresh" loading={testing} onClick={runTest}>
              Test connection
            </Button>
            {c.mode === "demo" ? (
              <Button variant="primary" icon="runs" loading={sending} onClick={runSendTestEvent}>
                Send test event
              </Button>
            ) : null}
          </>
        }
      />
      <div role="status" class="con-live">
        {sent ? (
          "error" in sent ? (
            <div class={`con-callout ${sent.usedUp ? "con-callout--info" : "con-callout--danger"}`}>
              <Icon name={sent.usedUp ? "info" : "alert"} />
              <div>
                <p class="con-callout__title">{sent.usedUp ? "Every sample record already has a run" : "The test event could not be sent"}</p>
                <p>{sent.error}</p>
              </div>
            </div>
          ) : (
            <SentCallout sent={sent} onDismiss={() => setSent(null)} />
          )
        ) : null}
      </div>
      <div class="con-grid">
        <div class="stack stack--lg">
          <Card title="Webhook" description={`Where ${crm} sends its events. Paste this address into ${crm}.`}>
            <div class="stack">
              <CopyField label="Webhook URL" value={c.webhookUrl} />
              {isLocalUrl(c.webhookUrl) && c.mode !== "demo" ? (
                <p class="con-note con-note--warning">
                  <Icon name="alert" />
                  <span>
                    This address only works on this machine. {crm} needs a public HTTPS address: run the product under its public URL (set{" "}
                    <code class="con-code">APP_URL</code>) or behind a tunnel.
                  </span>
                </p>
              ) : null}
              {c.mode === "demo" ? (
                <p class="con-note">
                  <Icon name="info" />
                  <span>
                    A demo connector: it talks to the local fake {crm}. “Send test event” signs a sample event as {crm} would and delivers it to
                    this webhook, so an active workflow on this connector starts a run within seconds.
                  </span>
                </p>
              ) : null}
            </div>
          </Card>
          <Card title={`Set up ${crm}`} description={`What to do in ${crm} so its events reach this connector.`}>
            <SetupSteps connector={c} />
          </Card>
        </div>
        <div class="stack stack--lg">
          <Card title="Status">
            <dl class="con-facts">
              <div>
                <dt>Connection</dt>
                <dd>
                  <StatusPill status={c.status} label={STATUS_LABELS[c.status]} />
                </dd>
              </div>
              <div>
                <dt>Last event</dt>
                <dd>
                  {c.lastEventAt ? (
                    <time dateTime={c.lastEventAt} title={formatDateTime(c.lastEventAt)}>
                      {formatAgo(c.lastEventAt)}
                    </time>
                  ) : (
                    <span class="cell-muted">None yet</span>
                  )}
                </dd>
              </div>
              {typeof c.settings.portalId === "string" ? (
                <div>
                  <dt>HubSpot account</dt>
                  <dd class="con-mono">{c.settings.portalId}</dd>
                </div>
              ) : null}
            </dl>
            {c.status === "error" && c.lastError && !testResult ? (
              <div class="con-callout con-callout--danger con-callout--compact">
                <Icon name="alert" />
                <div>
                  <p class="con-callout__title">Last connection test failed</p>
                  <p>{c.lastError}</p>
                </div>
              </div>
            ) : null}
            <div role="status" class="con-live">
              {testing ? <p class="cell-muted">Calling {crm}…</p> : null}
              {testResult ? (
                <div class={`con-callout con-callout--compact ${testResult.ok ? "con-callout--success" : "con-callout--danger"}`}>
                  <Icon name={testResult.ok ? "checkCircle" : "alert"} />
                  <div>
                    <p class="con-callout__title">{testResult.ok ? "The connection works" : "The connection test failed"}</p>
                    <p>{testResult.detail}</p>
                  </div>
                </div>
              ) : null}
            </div>
          </Card>
          {c.kind === "notion" ? <VerificationCard connector={c} onChanged={reload} /> : null}
          <CredentialsCard connector={c} onEdit={() => setEditing(true)} />
          <StagesCard connector={c} />
        </div>
      </div>
      <Card title="Event log" description="Every delivery from the CRM and what it did, newest first." flush class="con-log">
        <EventLog connectorId={c.id} refreshKey={logKey} />
      </Card>
      <EditConnectorDialog
        connector={editing ? c : null}
        onClose={() => setEditing(false)}
        onSaved={(saved, retested) => {
          onChange(saved);
          setTestResult(null);
          if (retested) announceTest(toasts, saved, "saved");
          else toasts.success(`${saved.name} was saved`);
        }}
      />
      <ConfirmDialog
        open={deleting}
        title={`Delete ${c.name}?`}
        confirmLabel="Delete connector"
        onCancel={() => setDeleting(false)}
        onConfirm={async () => {
          await deleteConnector(api, c.id);
          setDeleting(false);
          toasts.success(`${c.name} was deleted`);
          route("/connectors");
        }}
      >
        Its event log is deleted with it, and {crm} events sent to its webhook URL will be refused. Workflows that trigger on it must be paused or
        archived first.
      </ConfirmDialog>
    </>
  );
}

/**
 * What "Send test event" did: the runs it started, or why none started — each event's reason, the
 * run a record already has, and the setting that would start another (named as the builder does).
 */
function SentCallout({ sent, onDismiss }: { sent: SendTestEventResult; onDismiss: () => void }) {
  const started = sent.events.flatMap((e) => e.runIds);
  // The detail names one event's reason; when nothing started, every event's is listed instead.
  const explained = started.length ? [] : sent.events.filter((e) => e.reason);
  const title = !explained.length ? sent.detail : sent.ok ? "Delivered, but no run started" : `The webhook answered ${sent.status}`;
  return (
    <div class={`con-callout ${started.length ? "con-callout--success" : sent.ok ? "con-callout--info" : "con-callout--danger"}`}>
      <Icon name={started.length ? "checkCircle" : sent.ok ? "info" : "alert"} />
      <div>
        <p class="con-callout__title">{title}</p>
        {started.length ? (
          <p class="con-callout__runs">
            {started.length > 1 ? "Runs started:" : "Run started:"} <RunLinks runIds={started} named={sent.events.flatMap((e) => e.startedRuns ?? [])} />
          </p>
        ) : explained.length ? (
          <>
            <ul class="con-callout__reasons">
              {explained.map((e) => (
                <li key={e.id}>
                  <p>{e.reason}</p>
                  {e.existingRunIds.length ? (
                    <p class="con-callout__runs">
                      {e.existingRunIds.length > 1 ? "Open their runs:" : "Open its run:"} <RunLinks runIds={e.existingRunIds} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
            {explained.some((e) => e.existingRunIds.length) ? (
              <p class="con-callout__hint">
                To start a run for every event of the same record, turn on “Start again for a record that already had a run” in the workflow's settings (the
                builder's Workflow panel, shown when no step is selected).
              </p>
            ) : null}
          </>
        ) : (
          <p>The event is in the log below with the reason.</p>
        )}
      </div>
      <Button size="sm" variant="ghost" icon="close" aria-label="Dismiss" class="con-callout__close" onClick={onDismiss} />
    </div>
  );
}

/** The stored credentials as the API shows them: URLs and ids in clear, secrets masked. */
function CredentialsCard({ connector: c, onEdit }: { connector: Connector; onEdit: () => void }) {
  const fields = fieldsFor(c.kind, c.kind === "salesforce" ? salesforceAuthOf(c.credentials) : "token");
  const known = new Map(fields.map((f) => [f.key, f]));
  const keys = [...fields.map((f) => f.key).filter((k) => c.credentials[k] !== undefined), ...Object.keys(c.credentials).filter((k) => !known.has(k))];
  return (
    <Card
      title="Credentials"
      description="Secrets are stored encrypted and only shown masked."
      actions={
        <Button size="sm" icon="edit" onClick={onEdit}>
          Edit credentials
        </Button>
      }
    >
      {keys.length ? (
        <dl class="con-facts">
          {keys.map((k) => {
            const f = known.get(k);
            return (
              <div key={k}>
                <dt>{f ? f.label.replace(" (optional)", "") : k}</dt>
                <dd class="con-mono con-break">
                  {f?.secret ? (
                    <>
                      <Icon name="lock" size={12} /> {c.credentials[k]}
                      <span class="visually-hidden"> (masked)</span>
                    </>
                  ) : (
                    c.credentials[k]
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      ) : (
        <p class="cell-muted">No credentials stored.</p>
      )}
    </Card>
  );
}
