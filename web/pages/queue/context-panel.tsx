import type { ComponentChildren } from "preact";
import { Card } from "../../components/card";
import { crmName, formatDay, formatMoney } from "../../components/due-badge";
import { Icon } from "../../components/icon";
import type { Person, QueueItemDetail, SessionUser } from "../../lib/api-types";
import { externalUrl } from "../../lib/external-url";
import { stageLabel } from "../../builder/crm-stages";
import { whyItIsHere } from "./why";

/** One label/value row; rows without a value are left out. */
function Row({ label, children }: { label: string; children: ComponentChildren }) {
  if (children === null || children === undefined || children === "" || children === "—") return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const join = (...parts: Array<string | number | null | undefined>) => parts.filter((p) => p !== null && p !== undefined && p !== "").join(" · ");

/** A name with its e-mail as a mail link, or `null` when there is neither (so the row is left out). */
function person(p: { name?: string | null; email?: string | null } | null | undefined) {
  if (!p || (!p.name && !p.email)) return null;
  return <Person name={p.name} email={p.email} />;
}

function Person({ name, email }: { name?: string | null; email?: string | null }) {
  return (
    <span class="kv-person">
      {name ?? email}
      {email && name ? (
        <a href={`mailto:${email}`} class="kv-person__email">
          {email}
        </a>
      ) : null}
    </span>
  );
}

/**
 * What someone needs to act: why the run is here and how it was routed, the deal (with a link to
 * the CRM record) and the account the run created.
 */
export function ContextPanel({ item, me, people }: { item: QueueItemDetail; me: SessionUser; people: Map<string, Person> }) {
  const c = item.context ?? {};
  const deal = c.deal;
  const account = c.account;
  const canOpenAccount = account && (me.role === "admin" || c.csm?.id === me.id);
  const why = whyItIsHere(item, people, me);
  const instructions = c.instructions && c.instructions !== why ? c.instructions : null;
  return (
    <>
      <Card title="Why it's here" class="q-context">
        <div class="stack">
          {why ? <p class="q-why">{why}</p> : null}
          {instructions ? <p class="q-instructions">{instructions}</p> : null}
          <dl class="kv">
            <Row label="Workflow">{me.role === "admin" ? <a href={`/workflows/${encodeURIComponent(item.workflowId)}`}>{c.workflowName ?? item.workflowName}</a> : (c.workflowName ?? item.workflowName)}</Row>
            <Row label="Step">{c.step ?? item.nodeId}</Row>
            <Row label="Routing">{c.routing ?? null}</Row>
            <Row label="Run">{me.role === "admin" ? <a href={`/runs/${encodeURIComponent(item.runId)}`}>Open the run</a> : null}</Row>
          </dl>
        </div>
      </Card>
      {deal ? (
        <Card
          title="Deal"
          class="q-context"
          actions={
            externalUrl(deal.url) ? (
              <a class="btn btn--secondary btn--sm" href={externalUrl(deal.url)!} target="_blank" rel="noopener noreferrer">
                <Icon name="compass" size={14} />
                Open in {crmName(deal.source)}
                <span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : undefined
          }
        >
          <dl class="kv">
            <Row label="Deal">{deal.name}</Row>
            <Row label="Amount">{formatMoney(deal.amount, deal.currency)}</Row>
            <Row label="ARR">{formatMoney(deal.arr, deal.currency)}</Row>
            <Row label="Stage">{deal.stage ? stageLabel(deal.source, deal.stage) : null}</Row>
            <Row label="Close date">{deal.closeDate ? formatDay(deal.closeDate) : null}</Row>
            <Row label="Segment">{join(deal.segment, deal.plan ? `${deal.plan} plan` : null)}</Row>
            <Row label="Company">{join(deal.company?.name, deal.company?.domain)}</Row>
            <Row label="Industry">{join(deal.company?.industry, deal.company?.employees ? `${deal.company.employees.toLocaleString()} employees` : null)}</Row>
            <Row label="Location">{join(deal.company?.country, deal.company?.region)}</Row>
            <Row label="Primary contact">{person(deal.primaryContact)}</Row>
            <Row label="Deal owner">{person(deal.owner)}</Row>
            <Row label="CRM record">{join(crmName(deal.source), deal.objectId)}</Row>
          </dl>
        </Card>
      ) : null}
      {account || c.csm ? (
        <Card
          title="Account"
          class="q-context"
          actions={
            canOpenAccount ? (
              <a class="btn btn--secondary btn--sm" href={`/accounts/${encodeURIComponent(account!.id)}`}>
                View account
              </a>
            ) : undefined
          }
        >
          <dl class="kv">
            <Row label="Name">{account?.name}</Row>
            <Row label="Domain">{account?.domain}</Row>
            <Row label="ARR">{account?.arr !== null && account?.arr !== undefined ? formatMoney(account.arr, deal?.currency) : null}</Row>
            <Row label="Segment">{account?.segment}</Row>
            <Row label="Region">{account?.region}</Row>
            <Row label="CSM">{person(c.csm) ?? c.outcome?.csm?.name ?? "Not assigned yet"}</Row>
          </dl>
        </Card>
      ) : null}
    </>
  );
}
