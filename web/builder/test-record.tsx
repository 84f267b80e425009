/**
 * The test panel's third kind of sample data: a real record read by id through the trigger's
 * connector, which fills the deal JSON so the admin can edit it before running.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { Button } from "../components/button";
import { FormError, Input } from "../components/field";
import { errorMessage, isApiError, type ApiClient } from "../lib/api";
import type { ConnectorKind } from "../lib/api-types";
import { fetchConnectorRecord } from "../lib/endpoints/connectors";
import { KIND_LABELS } from "../pages/connectors/connector-form";

/** Where the trigger's records live: its CRM and the connector it names. */
export interface RecordSource {
  kind: ConnectorKind;
  connectorId: string;
}

/** The trigger's connector, or null while it names none (a record cannot be fetched yet). */
export function recordSourceOf(trigger: { type: string; config?: Record<string, unknown> } | undefined): RecordSource | null {
  const kind = trigger?.type.replace(/^trigger\./, "");
  const connectorId = trigger?.config?.connectorId;
  if (!kind || !(kind in KIND_LABELS) || typeof connectorId !== "string" || !connectorId) return null;
  return { kind: kind as ConnectorKind, connectorId };
}

/** What each CRM calls the record a workflow starts from. */
const NOUNS: Record<ConnectorKind, string> = { hubspot: "deal", salesforce: "Opportunity", notion: "page" };
const HINTS: Record<ConnectorKind, string> = {
  hubspot: "The number at the end of the deal's HubSpot address.",
  salesforce: "The Opportunity's 15- or 18-character id, from its Salesforce address.",
  notion: "The page id: the 32 characters at the end of its Notion link.",
};

/** The top-level message of a request refused by the API's own validation: the reason is in its details. */
const GENERIC_INVALID = "The request is not valid.";

export const crmName = (s: RecordSource) => KIND_LABELS[s.kind];

/** "HubSpot deal 24587310912": the sample's name in the panel's summary. */
export const recordLabel = (s: RecordSource, objectId: string) => `${crmName(s)} ${NOUNS[s.kind]} ${objectId}`;

export interface RecordFetchProps {
  api: ApiClient;
  source: RecordSource;
  onFetched: (deal: Record<string, unknown>, objectId: string) => void;
}

/** An id box and a Fetch button; the CRM's answer, or why there is none, shows right here. */
export function RecordFetch({ api, source, onFetched }: RecordFetchProps) {
  const [objectId, setObjectId] = useState("");
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** What is wrong with the id itself (the server's reason), shown on the box rather than as a generic failure. */
  const [idError, setIdError] = useState<string | null>(null);
  // A record arriving after the admin chose other sample data must not overwrite it.
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);

  async function fetchRecord() {
    const id = objectId.trim();
    setIdError(null);
    if (!id) return setError(`Type the ${NOUNS[source.kind]} id first.`);
    setError(null);
    setLoading(true);
    try {
      const { deal } = await fetchConnectorRecord(api, source.connectorId, id);
      if (mounted.current) onFetched(deal, id);
    } catch (err) {
      if (!mounted.current) return;
      const refused = isApiError(err) && err.status === 422 ? err : null;
      const onId = refused?.details.find((d) => d.path === "objectId");
      if (!refused || !onId) return setError(errorMessage(err));
      setIdError(`${onId.message}.`);
      // The request's own validation says only "The request is not valid."; a CRM's refusal says why, so it stays.
      if (refused.message !== GENERIC_INVALID) setError(refused.message);
    } finally {
      if (mounted.current) setLoading(false);
    }
  }

  return (
    <div class="test-record">
      <Input
        id="test-record-id"
        label={`${crmName(source)} ${NOUNS[source.kind]} id`}
        hint={HINTS[source.kind]}
        error={idError}
        value={objectId}
        autocomplete="off"
        spellcheck={false}
        onInput={(e) => {
          setObjectId(e.currentTarget.value);
          setIdError(null);
        }}
        // Enter fetches the record instead of submitting the form (which would run the test).
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            void fetchRecord();
          }
        }}
      />
      <div>
        <Button loading={loading} onClick={() => void fetchRecord()}>
          Fetch
        </Button>
      </div>
      <FormError>{error}</FormError>
    </div>
  );
}
