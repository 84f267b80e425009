import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { StatusPill } from "../components/badge";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { formatAgo, formatDateTime } from "../components/due-badge";
import { EmptyState } from "../components/empty-state";
import { Loadable } from "../components/loadable";
import { PageHeader } from "../components/page-header";
import { Table } from "../components/table";
import type { Connector } from "../lib/api-types";
import { listConnectors } from "../lib/endpoints/connectors";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import { AddConnectorDialog } from "./connectors/connector-dialogs";
import { KIND_LABELS } from "./connectors/connector-form";
import { CrmMark } from "./connectors/crm-mark";
import { ModeBadge, STATUS_LABELS, announceTest } from "./connectors/shared";
import "./connectors/connectors.css";

/** `/connectors` (admins): the CRMs whose events start workflows, with their health and last event. */
export function ConnectorsPage() {
  const { api, toasts } = useAppState();
  const { route } = useLocation();
  const connectors = useLoad(() => listConnectors(api), []);
  const [adding, setAdding] = useState(false);

  const add = (
    <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
      Add connector
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Connectors"
        description="The CRMs whose deals start workflows: HubSpot, Salesforce and Notion. Each has a webhook URL to paste into the CRM and a log of the events it received."
        actions={add}
      />
      <Card flush>
        <Loadable loaded={connectors} what="connectors">
          {(list) => (
            <Table<Connector>
              caption="Connectors"
              rows={list}
              rowKey={(c) => c.id}
              empty={
                <EmptyState icon="connectors" title="No connectors yet" action={add}>
                  Add a HubSpot, Salesforce or Notion connector, then paste its webhook URL into the CRM so won deals start your workflows.
                </EmptyState>
              }
              columns={[
                {
                  key: "name",
                  header: "Connector",
                  render: (c) => (
                    <div class="con-name">
                      <CrmMark kind={c.kind} />
                      <div class="con-name__text">
                        <a class="cell-title__main" href={`/connectors/${encodeURIComponent(c.id)}`}>
                          {c.name}
                        </a>
                        <span class="cell-muted con-name__kind">
                          {KIND_LABELS[c.kind] ?? c.kind}
                          {c.status === "error" && c.lastError ? ` · ${c.lastError}` : ""}
                        </span>
                      </div>
                    </div>
                  ),
                },
                { key: "status", header: "Status", width: "130px", render: (c) => <StatusPill status={c.status} label={STATUS_LABELS[c.status]} /> },
                { key: "mode", header: "Mode", width: "90px", render: (c) => <ModeBadge mode={c.mode} /> },
                {
                  key: "last",
                  header: "Last event",
                  width: "140px",
                  render: (c) =>
                    c.lastEventAt ? (
                      <time dateTime={c.lastEventAt} title={formatDateTime(c.lastEventAt)}>
                        {formatAgo(c.lastEventAt)}
                      </time>
                    ) : (
                      <span class="cell-muted">None yet</span>
                    ),
                },
              ]}
            />
          )}
        </Loadable>
      </Card>
      <AddConnectorDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(c) => {
          announceTest(toasts, c, "added");
          route(`/connectors/${encodeURIComponent(c.id)}`);
        }}
      />
    </>
  );
}
