/** A Salesforce Opportunity (one SOQL row with Account, Owner and contact roles) → the normalised deal. */
import type { Deal } from "../../durable/types";
import { dateOnly, domainOf, emptyDeal, num, obj, str } from "./normalise";
import { salesforceFields, type ConnectorSettings } from "./settings";

export const SF_API_VERSION = "v62.0";

/** API names we put into SOQL: letters, digits and underscores only (no injection through settings). */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
export const isApiName = (s: string) => API_NAME.test(s);
/** 15- or 18-character record ids; anything else never reaches a query. */
export const isSalesforceId = (s: string) => /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(s);

/** One round trip for the Opportunity, its Account, the owner and the contact roles (README 2). */
export function opportunityQuery(id: string, settings: ConnectorSettings): string {
  if (!isSalesforceId(id)) throw new Error("not a Salesforce id");
  const map = salesforceFields(settings);
  const custom = [map.arr, map.plan, map.segment].filter((f) => f && isApiName(f));
  const accountCustom = map.region && isApiName(map.region) ? [`Account.${map.region}`] : [];
  const fields = [
    "Id", "Name", "Amount", "CloseDate", "StageName", "IsWon", ...custom,
    "Owner.Name", "Owner.Email",
    "Account.Id", "Account.Name", "Account.Website", "Account.Industry", "Account.NumberOfEmployees", "Account.BillingCountry", ...accountCustom,
    "(SELECT ContactId, Role, IsPrimary, Contact.Name, Contact.Email FROM OpportunityContactRoles)",
  ];
  return `SELECT ${[...new Set(fields)].join(", ")} FROM Opportunity WHERE Id = '${id}'`;
}

/** A record without Salesforce's `attributes` bookkeeping, at every level. */
export function stripAttributes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripAttributes);
  const o = obj(v);
  if (!o) return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(o)) if (k !== "attributes") out[k] = stripAttributes(val);
  return out;
}

export function normaliseOpportunity(record: Record<string, unknown>, settings: ConnectorSettings, instanceUrl: string | null): Deal {
  const map = salesforceFields(settings);
  const id = String(record.Id);
  const account = obj(record.Account) ?? {};
  const owner = obj(record.Owner) ?? {};
  const roles = (obj(record.OpportunityContactRoles)?.records as Record<string, unknown>[] | undefined) ?? [];
  const primary = roles.find((r) => r.IsPrimary === true) ?? roles[0];
  const contact = obj(primary?.Contact) ?? {};
  const out = emptyDeal("salesforce", id);
  const amount = num(record.Amount);
  out.url = instanceUrl ? `${instanceUrl.replace(/\/+$/, "")}/lightning/r/Opportunity/${id}/view` : null;
  out.name = str(record.Name);
  out.amount = amount;
  out.arr = (map.arr ? num(record[map.arr]) : null) ?? amount;
  out.currency = str(record.CurrencyIsoCode) ?? settings.currency ?? null;
  out.stage = str(record.StageName);
  out.closeDate = dateOnly(record.CloseDate);
  out.plan = map.plan ? str(record[map.plan]) : null;
  out.segment = map.segment ? str(record[map.segment]) : null;
  out.company = {
    name: str(account.Name),
    domain: domainOf(account.Website),
    industry: str(account.Industry),
    employees: num(account.NumberOfEmployees),
    country: str(account.BillingCountry),
    region: map.region ? str(account[map.region]) : null,
  };
  out.primaryContact = { name: str(contact.Name), email: str(contact.Email) };
  out.owner = { name: str(owner.Name), email: str(owner.Email) };
  out.properties = stripAttributes(record) as Record<string, unknown>;
  return out;
}
