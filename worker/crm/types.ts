/** The one interface every CRM adapter implements, and the event shape webhooks and polling share. */
import type { Deal } from "../../durable/types";
import type { NormalizedEvent } from "../../durable/triggers";
import type { ConnectorKind } from "./credentials";
import type { ConnectorSettings } from "./settings";

/** A CRM event after verification and parsing, before dedupe and matching. */
export interface IncomingEvent {
  /**
   * Names the occurrence: a redelivery of the event, an exact duplicate in a batch, and (where the
   * CRM gives us the time of the change) the same change seen by polling all carry the same key.
   */
  eventKey: string;
  /** For the event log, e.g. `deal.propertyChange`, `page.created`, `outbound_message`. */
  type: string;
  objectId: string | null;
  /** What a run started by this event holds as run data `trigger`. */
  raw: unknown;
  /** What triggers match against; null when this kind of event never starts a workflow. */
  event: NormalizedEvent | null;
  /** Why `event` is null, in words for the event log. */
  ignoreReason?: string;
  /** The record's name when the event carries it (Salesforce does), for the run list. */
  subjectName?: string | null;
}

export interface TestResult {
  ok: boolean;
  /** A sentence for the admin: what worked, or what failed and what to do. */
  detail: string;
  /** Facts learned on the way (the HubSpot portal id) to keep in the connector's settings. */
  learned?: Partial<ConnectorSettings>;
}

export interface PollResult {
  events: IncomingEvent[];
  /** Where the next poll starts; unchanged when nothing new was seen. */
  cursor: string | null;
}

export interface PollScope {
  /** Notion: the databases active workflows listen to (a workspace has no "all changes" feed). */
  databaseIds: string[];
  /** Notion: an active trigger names no database, so every data source shared with the integration counts. */
  anyDatabase?: boolean;
}

/** A fact a trigger asks about that the webhook body does not carry. */
export interface EnrichNeed {
  /** HubSpot: the deal's current stage (a `deal.creation` event has none). */
  stage?: boolean;
  /** HubSpot: the deal's pipeline. */
  pipeline?: boolean;
  /** Notion: the page's current value of this status property (name or id). */
  statusProperty?: string;
  /** Notion: the names of `updatedProperties` (Notion sends ids; a trigger may name the property). */
  propertyNames?: boolean;
}

/** A stage a trigger can wait for, for the builder's picker. */
export interface StageOption {
  /** What the trigger config stores: HubSpot stage id, Salesforce stage name, Notion status name. */
  id: string;
  label: string;
  /** HubSpot pipeline id / label, when stages belong to pipelines. */
  pipeline?: { id: string; label: string };
  /** A won stage (HubSpot: closed with probability 1; Salesforce: IsWon; Notion: in the "Complete" group). */
  won: boolean;
}

export interface CrmAdapter {
  readonly kind: ConnectorKind;
  /** The record a trigger event is about (run data `trigger`: a webhook event, a test-panel body). */
  recordId(trigger: unknown): string | null;
  /** The full record with company, primary contact and owner, as the API.md `deal`. */
  fetchDeal(objectId: string, trigger?: unknown): Promise<Deal>;
  /** Writes properties back; resolves to a sentence saying what was written. */
  update(objectId: string, properties: Record<string, string>): Promise<string>;
  /** A real, read-only call that proves the credentials work. Never throws. */
  test(): Promise<TestResult>;
  /** Changes since `cursor` (null: start from now), as events for the same dedupe and matching. */
  poll(cursor: string | null, scope: PollScope): Promise<PollResult>;
  /** The stages (or statuses) a trigger can name; Notion needs the database. */
  stages(databaseId?: string): Promise<StageOption[]>;
  /** Fills what a trigger needs and the webhook body lacks (one small read). */
  enrich(event: NormalizedEvent, need: EnrichNeed): Promise<NormalizedEvent>;
}
