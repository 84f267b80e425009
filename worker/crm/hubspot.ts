/**
 * HubSpot adapter over the CRM v3 REST API with fetch. The official SDK is 906 KiB gz in a Worker
 * and sends through node:http, bypassing fetch (STACK.md), so a few typed calls are done by hand.
 */
import type { Deal } from "../../durable/types";
import type { HubspotEvent } from "../../durable/triggers";
import { CrmError } from "./errors";
import { crmFetch, joinUrl } from "./http";
import type { HubspotCredentials } from "./credentials";
import type { ConnectorSettings } from "./settings";
import type { CrmAdapter, IncomingEvent } from "./types";
import { associatedIds, companyProperties, dealProperties, hubspotPortalId, hubspotRecordId, normaliseHubspotDeal, type HubspotObject, type HubspotOwner } from "./hubspot-deal";
import { isoMs } from "./normalise";
import { remember } from "../lib/bounded-map";

const API = "https://api.hubapi.com";
/** First poll looks back this far, so enabling polling right after a deal closed still catches it. */
const FIRST_POLL_LOOKBACK_MS = 15 * 60_000;
const POLL_PAGE = 100;
const POLL_MAX_PAGES = 5;

/**
 * The key of "deal X entered stage S at time T". Webhooks know T as `occurredAt`; polling reads it
 * from the stage's property history, so both name the same change and dedupe against each other.
 */
export function hubspotStageKey(dealId: string, stage: string, atMs: number): string {
  return `deal:${dealId}:dealstage:${stage}@${atMs}`;
}

/**
 * Deal owners are the same few salespeople across many deals and change rarely, so each one read
 * is kept in the isolate for a few minutes (per API base and token: a new token may be another
 * portal) instead of being fetched again for every deal.
 */
const OWNER_TTL_MS = 5 * 60_000;
const MAX_OWNERS = 1000;
const owners = new Map<string, { at: number; owner: HubspotOwner | null }>();

async function keptOwner(key: string, read: () => Promise<HubspotOwner | null>, now = Date.now()): Promise<HubspotOwner | null> {
  const hit = owners.get(key);
  if (hit && now - hit.at < OWNER_TTL_MS) return hit.owner;
  const owner = await read();
  remember(owners, key, { at: now, owner }, MAX_OWNERS);
  return owner;
}

interface Pipeline {
  id: string;
  label: string;
  stages: { id: string; label: string; metadata?: { isClosed?: string; probability?: string } }[];
}

export function createHubspotAdapter(connectorId: string, creds: HubspotCredentials, settings: ConnectorSettings): CrmAdapter {
  const base = creds.apiBaseUrl ?? API;
  const call = <T>(path: string, init: { method?: "GET" | "POST" | "PATCH"; json?: unknown; what?: string; timeoutMs?: number } = {}) =>
    crmFetch<T>({ crm: "HubSpot", url: joinUrl(base, path), token: creds.accessToken, ...init });
  /** A record the deal links to; one that no longer exists leaves its fields null. */
  const optional = async <T>(path: string): Promise<T | null> => {
    try {
      return await call<T>(path);
    } catch (e) {
      if (e instanceof CrmError && e.kind === "not_found") return null;
      throw e;
    }
  };
  const checkId = (id: string) => {
    if (!/^\d{1,20}$/.test(id)) throw new CrmError("not_found", `“${id}” is not a HubSpot deal id (deal ids are numbers).`);
  };
  const stages = new Map<string, { stage: string | null; pipeline: string | null }>();

  return {
    kind: "hubspot",
    recordId: hubspotRecordId,

    async fetchDeal(id, trigger): Promise<Deal> {
      checkId(id);
      const props = dealProperties(settings).join(",");
      const deal = await call<HubspotObject>(`/crm/v3/objects/deals/${id}?properties=${props}&associations=companies,contacts`, { what: `deal ${id}` });
      const [companyId] = associatedIds(deal, "companies");
      const [contactId] = associatedIds(deal, "contacts");
      const ownerId = deal.properties?.hubspot_owner_id;
      const [company, contact, owner] = await Promise.all([
        companyId ? optional<HubspotObject>(`/crm/v3/objects/companies/${companyId}?properties=${companyProperties(settings).join(",")}`) : null,
        contactId ? optional<HubspotObject>(`/crm/v3/objects/contacts/${contactId}?properties=email,firstname,lastname,jobtitle,phone`) : null,
        ownerId && /^\d+$/.test(ownerId) ? keptOwner(`${base}\n${creds.accessToken}\n${ownerId}`, () => optional<HubspotOwner>(`/crm/v3/owners/${ownerId}`)) : null,
      ]);
      return normaliseHubspotDeal({ deal, company, contact, owner, settings, portalId: hubspotPortalId(trigger) });
    },

    async update(id, properties) {
      checkId(id);
      await call(`/crm/v3/objects/deals/${id}`, { method: "PATCH", json: { properties }, what: `deal ${id}` });
      return `Updated HubSpot deal ${id}: ${Object.keys(properties).join(", ")}.`;
    },

    async test() {
      try {
        const account = await call<{ portalId: number }>("/account-info/v3/details");
        const pipelines = await call<{ results: Pipeline[] }>("/crm/v3/pipelines/deals");
        const won = pipelines.results.flatMap((p) => p.stages.filter((s) => s.metadata?.isClosed === "true" && Number(s.metadata?.probability) === 1).map((s) => `${s.label} (${s.id})`));
        return {
          ok: true,
          detail: `Connected to HubSpot account ${account.portalId}. Deals are readable: ${pipelines.results.length} pipeline(s); won stages: ${won.join(", ") || "none"}.`,
          learned: { portalId: String(account.portalId) },
        };
      } catch (e) {
        return { ok: false, detail: e instanceof CrmError ? e.message : `Unexpected problem: ${(e as Error).message}` };
      }
    },

    async stages() {
      const pipelines = await call<{ results: Pipeline[] }>("/crm/v3/pipelines/deals");
      // Won is decided by the stage's metadata, not its id: custom pipelines use numeric ids.
      return pipelines.results.flatMap((p) =>
        p.stages.map((s) => ({ id: s.id, label: s.label, pipeline: { id: p.id, label: p.label }, won: s.metadata?.isClosed === "true" && Number(s.metadata?.probability) === 1 })),
      );
    },

    async poll(cursor) {
      const since = cursor && /^\d+$/.test(cursor) ? Number(cursor) : Date.now() - FIRST_POLL_LOOKBACK_MS;
      const changed: HubspotObject[] = [];
      let after: string | undefined;
      for (let page = 0; page < POLL_MAX_PAGES; page++) {
        const res = await call<{ results: HubspotObject[]; paging?: { next?: { after: string } } }>("/crm/v3/objects/deals/search", {
          method: "POST",
          json: {
            filterGroups: [{ filters: [{ propertyName: "hs_lastmodifieddate", operator: "GT", value: String(since) }] }],
            sorts: [{ propertyName: "hs_lastmodifieddate", direction: "ASCENDING" }],
            properties: ["dealstage", "pipeline", "dealname", "hs_lastmodifieddate"],
            limit: POLL_PAGE,
            ...(after ? { after } : {}),
          },
        });
        changed.push(...res.results);
        after = res.paging?.next?.after;
        if (!after) break;
      }
      if (changed.length === 0) return { events: [], cursor: String(since) };
      const history = new Map<string, { value: string; timestamp: string }[]>();
      for (let i = 0; i < changed.length; i += 100) {
        const res = await call<{ results: (HubspotObject & { propertiesWithHistory?: Record<string, { value: string; timestamp: string }[]> })[] }>(
          "/crm/v3/objects/deals/batch/read",
          { method: "POST", json: { inputs: changed.slice(i, i + 100).map((d) => ({ id: d.id })), properties: ["dealstage"], propertiesWithHistory: ["dealstage"] } },
        );
        for (const r of res.results) history.set(String(r.id), r.propertiesWithHistory?.dealstage ?? []);
      }
      const events: IncomingEvent[] = [];
      let last = since;
      for (const d of changed) {
        const modified = isoMs(d.properties.hs_lastmodifieddate) ?? since;
        last = Math.max(last, modified);
        const stage = d.properties.dealstage;
        if (!stage) continue;
        // When the deal entered its current stage: the newest history entry with that value.
        const entered = (history.get(String(d.id)) ?? [])
          .filter((h) => h.value === stage)
          .map((h) => isoMs(h.timestamp))
          .filter((t): t is number => t !== null)
          .sort((a, b) => b - a)[0] ?? modified;
        const event: HubspotEvent = { kind: "hubspot", connectorId, objectId: String(d.id), stageId: stage, pipelineId: d.properties.pipeline ?? null, eventType: "deal.propertyChange" };
        events.push({
          eventKey: hubspotStageKey(String(d.id), stage, entered),
          type: "poll:deal.propertyChange",
          objectId: String(d.id),
          raw: { source: "polling", subscriptionType: "deal.propertyChange", portalId: settings.portalId ? Number(settings.portalId) : null, objectId: Number(d.id), propertyName: "dealstage", propertyValue: stage, occurredAt: entered },
          event,
          subjectName: d.properties.dealname ?? null,
        });
      }
      return { events, cursor: String(last) };
    },

    async enrich(event, need) {
      if (event.kind !== "hubspot" || !(need.stage || need.pipeline)) return event;
      let known = stages.get(event.objectId);
      if (!known) {
        checkId(event.objectId);
        const deal = await call<HubspotObject>(`/crm/v3/objects/deals/${event.objectId}?properties=dealstage,pipeline`, { what: `deal ${event.objectId}`, timeoutMs: 4000 });
        known = { stage: deal.properties?.dealstage ?? null, pipeline: deal.properties?.pipeline ?? null };
        stages.set(event.objectId, known);
      }
      return { ...event, stageId: event.stageId ?? known.stage, pipelineId: event.pipelineId ?? known.pipeline };
    },
  };
}
