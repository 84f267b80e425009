/** HubSpot CRM v3 objects → the normalised deal (pure, so it is tested on the fixtures directly). */
import type { Deal } from "../../durable/types";
import { dateOnly, domainOf, emptyDeal, fullName, num, obj, str } from "./normalise";
import { hubspotProperties, type ConnectorSettings } from "./settings";

/** A v3 object as the API returns it: every property value is a string or null. */
export interface HubspotObject {
  id: string;
  properties: Record<string, string | null>;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
}

export interface HubspotOwner {
  id: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/** Deal properties asked for: the standard ones plus the mapped custom ones. */
export function dealProperties(settings: ConnectorSettings): string[] {
  const map = hubspotProperties(settings);
  const base = ["dealname", "amount", "dealstage", "pipeline", "closedate", "hubspot_owner_id", "deal_currency_code", "dealtype", "hs_arr", "contract_term_months"];
  return [...new Set([...base, map.plan, map.segment].filter(Boolean))];
}

export function companyProperties(settings: ConnectorSettings): string[] {
  const map = hubspotProperties(settings);
  const base = ["name", "domain", "website", "industry", "numberofemployees", "annualrevenue", "country", "state", "city"];
  return [...new Set([...base, map.region].filter(Boolean))];
}

/**
 * Associated ids, first one first and each once: HubSpot lists a primary association twice (a
 * labelled and an unlabelled type), so duplicates are dropped.
 */
export function associatedIds(obj: HubspotObject, kind: "companies" | "contacts"): string[] {
  const results = obj.associations?.[kind]?.results ?? [];
  const primary = results.filter((r) => !r.type.endsWith("_unlabeled"));
  return [...new Set([...primary, ...results].map((r) => String(r.id)))];
}

/** `COMPUTER_SOFTWARE` → `Computer software`: HubSpot's enum values read as words. */
export function humanise(v: string | null): string | null {
  if (!v || !/^[A-Z0-9_]+$/.test(v)) return v;
  const words = v.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The deal's page in HubSpot, when the account (portal) id is known. */
export function hubspotDealUrl(portalId: string | null | undefined, dealId: string): string | null {
  return portalId ? `https://app.hubspot.com/contacts/${portalId}/record/0-3/${dealId}` : null;
}

export function normaliseHubspotDeal(input: {
  deal: HubspotObject;
  company: HubspotObject | null;
  contact: HubspotObject | null;
  owner: HubspotOwner | null;
  settings: ConnectorSettings;
  portalId?: string | null;
}): Deal {
  const { deal, company, contact, owner, settings } = input;
  const map = hubspotProperties(settings);
  const p = deal.properties ?? {};
  const c = company?.properties ?? {};
  const out = emptyDeal("hubspot", String(deal.id));
  const amount = num(p.amount);
  out.url = hubspotDealUrl(input.portalId ?? settings.portalId, out.objectId);
  out.name = str(p.dealname);
  out.amount = amount;
  // hs_arr is calculated from recurring line items and is empty without them: amount is the fallback.
  out.arr = num(p.hs_arr) ?? amount;
  out.currency = str(p.deal_currency_code) ?? settings.currency ?? null;
  out.stage = str(p.dealstage);
  out.pipeline = str(p.pipeline);
  out.closeDate = dateOnly(p.closedate);
  out.plan = map.plan ? str(p[map.plan]) : null;
  out.segment = map.segment ? str(p[map.segment]) : null;
  out.company = {
    name: str(c.name),
    domain: domainOf(c.domain) ?? domainOf(c.website),
    industry: humanise(str(c.industry)),
    employees: num(c.numberofemployees),
    country: str(c.country),
    region: map.region ? str(c[map.region]) : null,
  };
  const cp = contact?.properties ?? {};
  out.primaryContact = { name: fullName(cp.firstname, cp.lastname), email: str(cp.email) };
  out.owner = owner ? { name: fullName(owner.firstName, owner.lastName), email: str(owner.email) } : { name: null, email: null };
  out.properties = { ...p };
  return out;
}

/** The deal id a trigger is about: a webhook event, a batch (the test panel's fixture files), or `{objectId}`. */
export function hubspotRecordId(trigger: unknown): string | null {
  const list = Array.isArray(trigger) ? trigger : [trigger];
  for (const item of list) {
    const o = obj(item);
    const id = o?.objectId;
    if ((typeof id === "number" && Number.isSafeInteger(id)) || (typeof id === "string" && /^\d+$/.test(id))) return String(id);
  }
  return null;
}

/** The portal a trigger event came from, for the deal link. */
export function hubspotPortalId(trigger: unknown): string | null {
  const first = obj(Array.isArray(trigger) ? trigger[0] : trigger);
  return first ? str(first.portalId) : null;
}
