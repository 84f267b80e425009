/**
 * CRM events as the webhook dispatcher sees them after verifying and normalising a delivery, and
 * the pure question "does this workflow's trigger match this event?".
 *
 * The dispatcher must fill the fields a trigger can ask about before calling `triggerMatches`:
 * a HubSpot `pipelineId` (the stage-change event does not carry it — read it from the deal) when a
 * trigger sets `pipelineId`, and a Notion page's current `status` when a trigger sets `values`.
 * A field left null never matches a trigger that asks about it.
 */
import hubspot, { matches as hubspotMatches } from "./nodes/trigger-hubspot";
import notion, { matches as notionMatches } from "./nodes/trigger-notion";
import salesforce, { matches as salesforceMatches } from "./nodes/trigger-salesforce";

/** A HubSpot deal event (one item of a webhook batch). */
export interface HubspotEvent {
  kind: "hubspot";
  connectorId: string;
  /** The deal id. */
  objectId: string;
  /** `propertyValue` of a `dealstage` change, or the deal's stage; null when unknown. */
  stageId: string | null;
  pipelineId: string | null;
  /** `deal.propertyChange`, `deal.creation`… */
  eventType?: string;
}

/** A Salesforce Opportunity notification. */
export interface SalesforceEvent {
  kind: "salesforce";
  connectorId: string;
  /** The Opportunity id. */
  objectId: string;
  /** `StageName` as Salesforce sent it ("Closed Won"). */
  stage: string | null;
}

/** A Notion page event. */
export interface NotionEvent {
  kind: "notion";
  connectorId: string;
  /** `page.created`, `page.properties_updated`… */
  type: string;
  pageId: string;
  /** The parent database id (`data.parent.id`). */
  databaseId: string | null;
  /** `data.parent.data_source_id` (API 2025-09-03). */
  dataSourceId?: string | null;
  /** Property ids from `data.updated_properties` (as sent: URL-encoded). */
  updatedProperties?: string[];
  /** The page's current status name, filled by the dispatcher from the page. */
  status?: string | null;
}

/** Any CRM event after normalisation. */
export type NormalizedEvent = HubspotEvent | SalesforceEvent | NotionEvent;

/** Does a trigger node of `type` with `config` start a run for `event`? Never throws. */
export function triggerMatches(type: string, config: unknown, event: NormalizedEvent): boolean {
  // A malformed stored config matches nothing rather than breaking the whole delivery.
  if (type === hubspot.type) {
    const parsed = hubspot.config.safeParse(config);
    return parsed.success && hubspotMatches(parsed.data, event);
  }
  if (type === salesforce.type) {
    const parsed = salesforce.config.safeParse(config);
    return parsed.success && salesforceMatches(parsed.data, event);
  }
  if (type === notion.type) {
    const parsed = notion.config.safeParse(config);
    return parsed.success && notionMatches(parsed.data, event);
  }
  return false;
}
