import { Badge, RunStatusPill } from "../components/badge";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { Decided } from "../components/decided";
import { crmName, formatAgo, formatDateTime, formatDay, formatMoney, todayIso } from "../components/due-badge";
import { EmptyState } from "../components/empty-state";
import { Icon } from "../components/icon";
import { PageHeader } from "../components/page-header";
import { doneCount, PlanTimeline } from "../components/plan-timeline";
import { LoadingBlock } from "../components/spinner";
import { useState } from "preact/hooks";
import { ApiError, errorMessage } from "../lib/api";
import { externalUrl } from "../lib/external-url";
import type { AccountDetail, SessionUser } from "../lib/api-types";
import { getAccount } from "../lib/endpoints/accounts";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import { ChangeCsmDialog } from "./accounts/change-csm-dialog";
import { usePlanTicks } from "./accounts/use-plan-ticks";
import { csmInactive, useActivePeople } from "./accounts/use-active-people";
import "./accounts/accounts.css";

const back = <a href="/accounts">← Accounts</a>;

/** `/accounts/:id`: one account — its plan by milestone, CSM, template, CRM source and the runs that shaped it. */
export function AccountDetailPage({ id }: { id: string }) {
  const { api, user } = useAppState();
  const me = user.value as SessionUser;
  const loaded = useLoad(() => getAccount(api, id), [id]);
  const s = loaded.state;

  // Refused on a reload (its CSM was changed meanwhile, or it was deleted): say so rather than keep
  // showing the account as it was, with boxes that can no longer be ticked.
  const gone = s.status === "error" && s.error instanceof ApiError && (s.error.status === 403 || s.error.status === 404);
  if (!s.data || gone) {
    if (s.status === "error") {
      const forbidden = gone;
      return (
        <>
          <PageHeader title="Account" eyebrow={back} />
          <Card>
            <EmptyState
              icon={forbidden ? "lock" : "alert"}
              title={forbidden ? "This account isn't available to you" : "Couldn't load the account"}
              action={forbidden ? undefined : <Button icon="refresh" onClick={loaded.reload}>Try again</Button>}
            >
              {forbidden ? "It may belong to another CSM, or it no longer exists." : errorMessage(s.error)}
            </EmptyState>
          </Card>
        </>
      );
    }
    return <LoadingBlock label="Loading the account…" />;
  }
  return <AccountView account={s.data} me={me} update={loaded.update} reload={loaded.reload} />;
}

function AccountView({ account: a, me, update, reload }: { account: AccountDetail; me: SessionUser; update: (fn: (a: AccountDetail) => AccountDetail) => void; reload: () => void }) {
  const { api, toasts } = useAppState();
  const today = todayIso();
  const plan = a.plan;
  const toggle = usePlanTicks({ api, toasts, accountId: a.id, plan, me, reload, update: (fn) => update((x) => ({ ...x, plan: fn(x.plan) })) });
  // The server decides too: an admin, or the account's own CSM.
  const canTick = me.role === "admin" || a.csm?.id === me.id;
  const tasks = plan.reduce((n, m) => n + m.tasks.length, 0);
  const done = plan.reduce((n, m) => n + doneCount(m.tasks), 0);
  const [changingCsm, setChangingCsm] = useState(false);
  const inactive = csmInactive(useActivePeople(me.role === "admin"), a.csm?.id);
  const sourceUrl = externalUrl(a.source.url);
  return (
    <>
      <PageHeader
        title={a.name}
        eyebrow={back}
        description={[a.domain, a.segment, a.region].filter(Boolean).join(" · ") || undefined}
        actions={
          sourceUrl ? (
            <a class="btn btn--secondary btn--md" href={sourceUrl} target="_blank" rel="noopener noreferrer">
              <Icon name="compass" />
              Open in {crmName(a.source.connector)}
              <span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          ) : undefined
        }
      />
      {a.mode === "test" ? (
        <p class="acc-test-note">
          <Badge tone="muted">Test</Badge> Created by a test run; hidden from the accounts list unless test accounts are shown.
        </p>
      ) : null}
      {me.role === "admin" ? (
        <ChangeCsmDialog open={changingCsm} account={a} onClose={() => setChangingCsm(false)} onChanged={(c) => update((x) => ({ ...x, ...c }))} />
      ) : null}
      <div class="acc-grid">
        <Card
          title="Onboarding plan"
          description={
            a.template
              ? `${a.template.name}: ${a.plan.length} milestones, ${tasks} tasks${a.startDate ? `, starting ${formatDay(a.startDate)}` : ""}.`
              : "No template applied yet."
          }
        >
          {plan.length ? (
            <>
              {tasks ? (
                <div class="acc-progress">
                  <span id="acc-progress-label">
                    {done} of {tasks} tasks done
                  </span>
                  <progress value={done} max={tasks} aria-labelledby="acc-progress-label" />
                </div>
              ) : null}
              <PlanTimeline plan={plan} today={today} label={`Onboarding plan for ${a.name}`} onToggle={canTick ? toggle : undefined} />
            </>
          ) : (
            <EmptyState icon="templates" title="No plan yet">
              The plan appears when a workflow's “Apply template” step runs for this account.
            </EmptyState>
          )}
        </Card>
        <div class="stack stack--lg">
          <Card title="Details">
            <dl class="acc-facts">
              <div>
                <dt>CSM</dt>
                <dd>
                  {a.csm ? (
                    <>
                      {a.csm.name}{" "}
                      <a href={`mailto:${a.csm.email}`} class="cell-muted">
                        {a.csm.email}
                      </a>
                      {a.csmReason ? <p class="acc-reason">{a.csmReason}</p> : null}
                      {inactive ? (
                        // Routing keeps a hand-chosen CSM only while they are active: say what happens instead.
                        <p class="acc-reason">
                          <Badge tone="warning">CSM inactive</Badge> {a.csm.name} was deactivated: hand the account to someone with Change CSM. A workflow that routes it
                          again picks a new CSM.
                        </p>
                      ) : a.csmByHand ? (
                        <p class="acc-reason">Chosen by a person: workflows keep this CSM when they route the account again.</p>
                      ) : null}
                    </>
                  ) : (
                    <span class="cell-muted">Not assigned yet</span>
                  )}
                  {me.role === "admin" ? (
                    <p class="acc-change-csm">
                      <Button size="sm" icon="edit" onClick={() => setChangingCsm(true)}>
                        Change CSM
                      </Button>
                    </p>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt>Template</dt>
                <dd>{a.template ? me.role === "admin" ? <a href={`/templates/${encodeURIComponent(a.template.id)}`}>{a.template.name}</a> : a.template.name : <span class="cell-muted">None</span>}</dd>
              </div>
              <div>
                <dt>ARR</dt>
                <dd>{formatMoney(a.arr)}</dd>
              </div>
              <div>
                <dt>Primary contact</dt>
                <dd>
                  {a.primaryContact?.name ?? a.primaryContact?.email ?? <span class="cell-muted">—</span>}
                  {a.primaryContact?.email && a.primaryContact.name ? (
                    <>
                      {" "}
                      <a href={`mailto:${a.primaryContact.email}`} class="cell-muted">
                        {a.primaryContact.email}
                      </a>
                    </>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt>Source</dt>
                <dd>
                  {sourceUrl ? (
                    <a href={sourceUrl} target="_blank" rel="noopener noreferrer">
                      {crmName(a.source.connector)} · {a.source.objectId}
                      <span class="visually-hidden"> (opens in a new tab)</span>
                    </a>
                  ) : (
                    `${crmName(a.source.connector)} · ${a.source.objectId}`
                  )}
                </dd>
              </div>
              <div>
                <dt>Created</dt>
                <dd>{formatDateTime(a.createdAt)}</dd>
              </div>
            </dl>
          </Card>
          {a.decisions?.length ? (
            <Card title="Handoff and decisions" description="What was answered and decided on the way to this account.">
              <ul class="acc-decisions">
                {a.decisions.map((d) => (
                  <li key={d.id} class="acc-decision">
                    <p class="acc-decision__title">
                      <strong>{d.title}</strong>
                      <span class="cell-muted">
                        {d.outcome.by ? ` · ${d.outcome.by}` : ""}
                        {d.completedAt ? ` · ${formatDateTime(d.completedAt)}` : ""}
                      </span>
                    </p>
                    <Decided outcome={d.outcome} />
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <Card title="Runs" description="The workflow runs that created and routed this account." flush>
            {a.runs.length ? (
              <ul class="acc-runs">
                {a.runs.map((r) => (
                  <li key={r.id} class="acc-run">
                    <span class="acc-run__main">
                      {me.role === "admin" ? (
                        <a href={`/runs/${encodeURIComponent(r.id)}`} class="cell-title__main">
                          {r.workflowName}
                        </a>
                      ) : (
                        <span class="cell-title__main">{r.workflowName}</span>
                      )}
                      <span class="cell-muted acc-run__meta">
                        {r.version ? `v${r.version}` : "Draft"} · started {formatAgo(r.startedAt)}
                        {r.mode === "test" ? " · test" : ""}
                      </span>
                    </span>
                    <RunStatusPill status={r.status} />
                  </li>
                ))}
              </ul>
            ) : (
              <p class="acc-runs__empty">No runs recorded.</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
