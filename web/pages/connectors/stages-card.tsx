import { useState } from "preact/hooks";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { FormError, Input } from "../../components/field";
import { errorMessage } from "../../lib/api";
import type { Connector, ConnectorStage } from "../../lib/api-types";
import { listConnectorStages } from "../../lib/endpoints/connectors";
import { useAppState } from "../../state/context";

/** The CRM's deal stages (Notion: status options), read live, so an admin sees what a trigger can wait for. */
export function StagesCard({ connector: c }: { connector: Connector }) {
  const { api } = useAppState();
  const notion = c.kind === "notion";
  const defaultDb = typeof c.settings.databaseId === "string" ? c.settings.databaseId : "";
  const [databaseId, setDatabaseId] = useState("");
  const [items, setItems] = useState<ConnectorStage[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noun = notion ? "status options" : "deal stages";

  async function load(e?: Event) {
    e?.preventDefault();
    setLoading(true);
    setError(null);
    try {
      setItems((await listConnectorStages(api, c.id, databaseId.trim() || undefined)).items);
    } catch (err) {
      setItems(null);
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Card title={notion ? "Status options" : "Deal stages"} description={`The ${noun} a workflow's trigger can wait for, read from the CRM.`}>
      <form class="stack" onSubmit={load} aria-label={`Load ${noun}`}>
        {notion && !defaultDb ? (
          <Input
            label="Notion database ID"
            value={databaseId}
            required
            hint="The deals database (the 32-character id in its link)."
            onInput={(ev) => setDatabaseId(ev.currentTarget.value)}
          />
        ) : null}
        <div class="cluster">
          <Button type="submit" size="sm" loading={loading}>
            {items ? "Reload" : "Load"} {noun}
          </Button>
        </div>
        <FormError>{error}</FormError>
        {items ? (
          items.length ? (
            <ul class="con-stages" aria-label={noun}>
              {items.map((s) => (
                <li key={`${s.pipeline?.id ?? ""}:${s.id}`}>
                  <span>{s.label}</span>
                  {s.id !== s.label ? <span class="con-mono cell-muted">{s.id}</span> : null}
                  {s.pipeline ? <span class="cell-muted con-small">{s.pipeline.label}</span> : null}
                  {s.won ? <Badge tone="success">Won</Badge> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="cell-muted">The CRM returned no {noun}.</p>
          )
        ) : null}
      </form>
    </Card>
  );
}
