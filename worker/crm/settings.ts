/**
 * Per-connector settings (non-secret, stored as JSON on the connector): polling, and how a CRM's
 * own field names map onto the normalised deal. The defaults match the fixtures' workspace, which
 * is how most teams name these things; each can be changed on the connector.
 */
import { z } from "zod";

const name = z.string().trim().min(1).max(200);
/** An optional API name; an empty string means "this org has no such field". */
const apiName = z.string().trim().max(100);

/** Notion property names (as they appear in the database) for each deal field. */
export const NOTION_DEFAULTS = {
  name: "Account",
  status: "Status",
  arr: "ARR",
  amount: "ARR",
  plan: "Plan",
  segment: "Segment",
  domain: "Domain",
  industry: "Industry",
  employees: "Employees",
  country: "Country",
  region: "Region",
  primaryContactName: "Primary contact",
  primaryContactEmail: "Primary contact email",
  owner: "Account Executive",
  closeDate: "Close date",
};

/** Salesforce API names of custom fields an org may or may not have (region is on the Account). */
export const SALESFORCE_DEFAULTS = { arr: "ARR__c", plan: "Plan_Tier__c", segment: "", region: "Region__c" };

/** HubSpot properties for what HubSpot has no standard property for (region is on the company). */
export const HUBSPOT_DEFAULTS = { plan: "plan_tier", segment: "", region: "sales_region" };

const partialOf = <T extends Record<string, string>>(defaults: T, field: z.ZodString) =>
  z.object(Object.fromEntries(Object.keys(defaults).map((k) => [k, field.optional()])) as { [K in keyof T]: z.ZodOptional<z.ZodString> });

/** Every field optional and without defaults, so a PATCH changes only what it names. */
export const ConnectorSettings = z.object({
  /** Ask the CRM for changes every few minutes, for CRMs whose webhooks cannot be set up. */
  polling: z.boolean().optional(),
  /** ISO 4217, for CRMs that do not say (Notion). */
  currency: z.string().regex(/^[A-Z]{3}$/, "A three-letter currency code, e.g. USD").optional(),
  /** Notion: the database polling reads and new workflows default to. */
  databaseId: z.string().trim().max(100).optional(),
  /** HubSpot: the account (learned on "Test connection"), for deal links and to refuse other portals' events. */
  portalId: z.string().trim().regex(/^\d{1,20}$/).optional(),
  notionProperties: partialOf(NOTION_DEFAULTS, name).optional(),
  salesforceFields: partialOf(SALESFORCE_DEFAULTS, apiName).optional(),
  hubspotProperties: partialOf(HUBSPOT_DEFAULTS, apiName).optional(),
});
export type ConnectorSettings = z.infer<typeof ConnectorSettings>;

/** Reads stored settings leniently: anything unreadable falls back to the defaults. */
export function readSettings(raw: unknown): ConnectorSettings {
  const parsed = ConnectorSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** Settings after a PATCH: named fields replace, field maps merge key by key. */
export function mergeSettings(current: ConnectorSettings, patch: ConnectorSettings): ConnectorSettings {
  return {
    ...current,
    ...patch,
    notionProperties: { ...current.notionProperties, ...patch.notionProperties },
    salesforceFields: { ...current.salesforceFields, ...patch.salesforceFields },
    hubspotProperties: { ...current.hubspotProperties, ...patch.hubspotProperties },
  };
}

function withDefaults<T extends Record<string, string>>(defaults: T, given: Partial<Record<keyof T, string | undefined>> | undefined): T {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(given ?? {})) if (typeof v === "string") (out as Record<string, string>)[k] = v;
  return out;
}

export const notionProperties = (s: ConnectorSettings) => withDefaults(NOTION_DEFAULTS, s.notionProperties);
export const salesforceFields = (s: ConnectorSettings) => withDefaults(SALESFORCE_DEFAULTS, s.salesforceFields);
export const hubspotProperties = (s: ConnectorSettings) => withDefaults(HUBSPOT_DEFAULTS, s.hubspotProperties);
