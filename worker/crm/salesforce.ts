/**
 * Salesforce adapter over the REST API with fetch: one SOQL query per record, a PATCH for
 * write-back, and the OAuth refresh-token flow. jsforce would add 348 KiB gz to the Worker
 * (STACK.md) for these four calls, so it is not used.
 */
import type { SalesforceEvent } from "../../durable/triggers";
import { CrmError } from "./errors";
import { crmFetch, joinUrl, type CrmRequest } from "./http";
import type { SalesforceCredentials } from "./credentials";
import type { ConnectorSettings } from "./settings";
import type { CrmAdapter, IncomingEvent } from "./types";
import { isSalesforceId, normaliseOpportunity, opportunityQuery, SF_API_VERSION } from "./salesforce-deal";
import { parseOutboundMessage, sameOrganization } from "./salesforce-soap";
import { isoMs, obj, str } from "./normalise";

const FIRST_POLL_LOOKBACK_MS = 15 * 60_000;

/** "Opportunity X entered stage S at T": shared by Outbound Messages that carry LastStageChangeDate and by polling. */
export function salesforceStageKey(id: string, stage: string, atMs: number): string {
  return `opportunity:${id}:stage:${stage}@${atMs}`;
}

/** The Opportunity a trigger is about: our outbound-message trigger, a raw SOAP body, or a Flow callout body. */
export function salesforceRecordId(trigger: unknown): string | null {
  if (typeof trigger === "string" && trigger.trimStart().startsWith("<")) {
    try {
      return parseOutboundMessage(trigger).notifications[0]?.fields.Id ?? null;
    } catch {
      return null;
    }
  }
  const o = obj(trigger);
  const id = str(o?.objectId) ?? str(obj(o?.sObject)?.Id) ?? str(o?.opportunityId) ?? str(o?.Id);
  return id && isSalesforceId(id) ? id : null;
}

interface Session {
  base: string;
  token: string;
  instanceUrl: string | null;
}

export function createSalesforceAdapter(connectorId: string, creds: SalesforceCredentials, settings: ConnectorSettings): CrmAdapter {
  let session: Session | null = null;

  async function login(): Promise<Session> {
    if ("accessToken" in creds) return { base: creds.apiBaseUrl ?? creds.instanceUrl, token: creds.accessToken, instanceUrl: creds.instanceUrl };
    const form = new URLSearchParams({ grant_type: "refresh_token", client_id: creds.clientId, client_secret: creds.clientSecret, refresh_token: creds.refreshToken });
    try {
      const res = await crmFetch<{ access_token: string; instance_url: string }>({ crm: "Salesforce", url: joinUrl(creds.apiBaseUrl ?? creds.loginUrl, "/services/oauth2/token"), form });
      return { base: creds.apiBaseUrl ?? res.instance_url, token: res.access_token, instanceUrl: res.instance_url };
    } catch (e) {
      if (e instanceof CrmError && e.kind === "bad_request") {
        throw new CrmError("auth", `Salesforce refused the connector's refresh token (${e.message}). Reconnect the connector on the Connectors page.`, e.status);
      }
      throw e;
    }
  }

  /** A REST call; an OAuth connector whose access token expired logs in again once. */
  async function call<T>(path: string, init: Omit<CrmRequest, "crm" | "url" | "token"> = {}): Promise<T> {
    session ??= await login();
    const req = () => crmFetch<T>({ crm: "Salesforce", url: joinUrl(session!.base, `/services/data/${SF_API_VERSION}${path}`), token: session!.token, ...init });
    try {
      return await req();
    } catch (e) {
      if (!(e instanceof CrmError && e.kind === "auth" && "refreshToken" in creds)) throw e;
      session = await login();
      return req();
    }
  }
  const soql = <T>(q: string, what?: string) => call<{ totalSize: number; records: T[] }>(`/query?q=${encodeURIComponent(q)}`, { what });
  const checkId = (id: string) => {
    if (!isSalesforceId(id)) throw new CrmError("not_found", `“${id}” is not a Salesforce record id.`);
  };

  return {
    kind: "salesforce",
    recordId: salesforceRecordId,

    async fetchDeal(id) {
      checkId(id);
      const res = await soql<Record<string, unknown>>(opportunityQuery(id, settings), `Opportunity ${id}`);
      const record = res.records[0];
      if (!record) throw new CrmError("not_found", `Salesforce has no Opportunity ${id} (or the connector's user cannot see it).`, 404);
      return normaliseOpportunity(record, settings, session?.instanceUrl ?? null);
    },

    async update(id, properties) {
      checkId(id);
      await call(`/sobjects/Opportunity/${id}`, { method: "PATCH", json: properties, what: `Opportunity ${id}` });
      return `Updated Salesforce Opportunity ${id}: ${Object.keys(properties).join(", ")}.`;
    },

    async test() {
      try {
        const org = (await soql<{ Id: string; Name: string }>("SELECT Id, Name FROM Organization LIMIT 1")).records[0];
        if (org && !sameOrganization(creds.organizationId, org.Id)) {
          return { ok: false, detail: `These credentials belong to Salesforce org ${org.Name} (${org.Id}), but the connector expects ${creds.organizationId}. Outbound Messages from the expected org would be refused; fix the organisation id or the credentials.` };
        }
        return { ok: true, detail: `Connected to Salesforce org ${org?.Name ?? "?"} (${org?.Id ?? creds.organizationId}). Outbound Messages from this org will be accepted.` };
      } catch (e) {
        return { ok: false, detail: e instanceof CrmError ? e.message : `Unexpected problem: ${(e as Error).message}` };
      }
    },

    async stages() {
      const res = await soql<{ MasterLabel: string; ApiName?: string; IsWon: boolean; IsActive?: boolean }>("SELECT MasterLabel, ApiName, IsWon, IsClosed, IsActive, SortOrder FROM OpportunityStage ORDER BY SortOrder");
      // Outbound Messages carry StageName, the stage's API name (usually equal to its label).
      return res.records.filter((r) => r.IsActive !== false).map((r) => ({ id: r.ApiName ?? r.MasterLabel, label: r.MasterLabel, won: r.IsWon === true }));
    },

    async poll(cursor) {
      const since = isoMs(cursor) ?? Date.now() - FIRST_POLL_LOOKBACK_MS;
      // SOQL date-time literals are unquoted; SystemModstamp has whole seconds.
      const literal = new Date(since).toISOString().replace(/\.\d{3}Z$/, "Z");
      const res = await soql<Record<string, unknown>>(
        `SELECT Id, Name, StageName, LastStageChangeDate, SystemModstamp FROM Opportunity WHERE SystemModstamp > ${literal} ORDER BY SystemModstamp ASC LIMIT 200`,
      );
      let last = since;
      const events: IncomingEvent[] = [];
      for (const r of res.records) {
        const id = String(r.Id);
        const stage = str(r.StageName);
        const modified = isoMs(r.SystemModstamp) ?? since;
        last = Math.max(last, modified);
        if (!stage) continue;
        const entered = isoMs(r.LastStageChangeDate) ?? modified;
        const event: SalesforceEvent = { kind: "salesforce", connectorId, objectId: id, stage };
        events.push({
          eventKey: salesforceStageKey(id, stage, entered),
          type: "poll:opportunity",
          objectId: id,
          raw: { source: "polling", objectType: "Opportunity", objectId: id, stage, sObject: { Id: id, Name: r.Name ?? null, StageName: stage, LastStageChangeDate: r.LastStageChangeDate ?? null } },
          event,
          subjectName: str(r.Name),
        });
      }
      return { events, cursor: new Date(last).toISOString() };
    },

    async enrich(event) {
      return event; // Outbound Messages and polling both carry the stage.
    },
  };
}
