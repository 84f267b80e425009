import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { call, signedIn } from "./helpers";
import { drive, getRun, fire, kicked } from "./run-helpers";
import { createCrmService } from "../../durable/services/crm";
import { NodeError } from "../../durable/types";
import type { RunEnv } from "../../durable/env";
import mixedBatch from "../fixtures/hubspot/deal-batch-mixed.json?raw";
import outbound from "../fixtures/salesforce/outbound-opportunity-closedwon.xml?raw";
import pageUpdated from "../fixtures/notion/page-properties-updated.json?raw";
import closedWonFixture from "../fixtures/hubspot/deal-propertychange-closedwon.json?raw";
import { activeWorkflow, createConnector, fake, hubspotTrigger, postHubspot, requestsSeen, runsOf, type Kind } from "./crm-helpers";

const scope = (mode: "live" | "test" = "live") => ({ runId: "run_test", workflowId: "wf_none", nodeId: "extract", mode, attempt: 1, now: Date.now() });
const service = (mode: "live" | "test" = "live") => createCrmService(env as unknown as RunEnv, scope(mode));

async function connector(kind: Kind) {
  const { cookie } = await signedIn("admin");
  return { cookie, ...(await createConnector(cookie, kind)) };
}

async function nodeError(p: Promise<unknown>): Promise<NodeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(NodeError);
    return e as NodeError;
  }
  throw new Error("expected a NodeError");
}

describe("record fetch and normalisation", () => {
  it("HubSpot: deal + associated company, primary contact and owner → the API.md deal", async () => {
    const c = await connector("hubspot");
    // The test panel's fixture file is a whole batch: its first deal event names the record.
    const deal = await service().fetchDeal(JSON.parse(mixedBatch).slice(1), c.id);
    expect(deal).toMatchObject({
      source: "hubspot",
      objectId: "24587310912",
      url: "https://app.hubspot.com/contacts/48211937/record/0-3/24587310912",
      name: "Brightline Analytics - Growth plan (annual)",
      amount: 48000,
      arr: 48000,
      currency: "USD",
      stage: "closedwon",
      pipeline: "default",
      closeDate: "2026-03-27",
      plan: "growth",
      segment: null,
      company: { name: "Brightline Analytics", domain: "brightline.example.com", industry: "Computer software", employees: 240, country: "United States", region: "NA-West" },
      primaryContact: { name: "Maya Okafor", email: "maya.okafor@brightline.example.com" },
      owner: { name: "Jordan Reyes", email: "jordan.reyes@example.com" },
      connectorId: c.id,
    });
    expect(deal.properties).toMatchObject({ dealname: "Brightline Analytics - Growth plan (annual)", hs_arr: "48000", contract_term_months: "12" });
    const seen = (await requestsSeen("hubspot", c.token)).map((r: any) => r.path);
    expect(seen).toEqual(expect.arrayContaining(["/crm/v3/objects/deals/24587310912", "/crm/v3/objects/companies/18934556721", "/crm/v3/objects/contacts/97345120887", "/crm/v3/owners/81234567"]));
  });

  it("Salesforce: one SOQL query for Opportunity, Account, owner and contact roles; also from a raw Outbound Message", async () => {
    const c = await connector("salesforce");
    const deal = await service().fetchDeal(outbound, c.id);
    expect(deal).toMatchObject({
      source: "salesforce",
      objectId: "0065g00000Bq7XkAAJ",
      url: "https://northwind-saas.my.salesforce.com/lightning/r/Opportunity/0065g00000Bq7XkAAJ/view",
      name: "Cobalt Ridge Health - Enterprise - 3yr",
      amount: 126000,
      arr: 126000,
      currency: null,
      stage: "Closed Won",
      closeDate: "2026-03-30",
      plan: "Enterprise",
      segment: null,
      company: { name: "Cobalt Ridge Health", domain: "cobaltridge.example.com", industry: "Healthcare", employees: 1200, country: "Canada", region: "AMER-Canada" },
      primaryContact: { name: "Daniel Whitfield", email: "daniel.whitfield@cobaltridge.example.com" },
      owner: { name: "Priya Natarajan", email: "priya.natarajan@example.com" },
    });
    expect(deal.properties).not.toHaveProperty("attributes");
    const queries = (await requestsSeen("salesforce", c.token)).filter((r: any) => r.path.endsWith("/query"));
    expect(queries.map((q: any) => decodeURIComponent(q.query))).toContainEqual(expect.stringContaining("FROM OpportunityContactRoles) FROM Opportunity WHERE Id = '0065g00000Bq7XkAAJ'"));
  });

  it("Notion: page properties by the connector's property names (defaults match the fixture), currency from settings", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "notion", { settings: { currency: "EUR" } });
    const deal = await service().fetchDeal(JSON.parse(pageUpdated), c.id);
    expect(deal).toMatchObject({
      source: "notion",
      objectId: "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f213",
      url: "https://www.notion.so/Lumenfield-Robotics-1f4e5c7a2b3d80a98e61c9d0b7a4f213",
      name: "Lumenfield Robotics",
      amount: 36000,
      arr: 36000,
      currency: "EUR",
      stage: "Ready for onboarding",
      closeDate: "2026-03-26",
      plan: "Growth",
      segment: "Mid-Market",
      company: { name: "Lumenfield Robotics", domain: "lumenfield.example.com", industry: "Manufacturing", employees: 310, country: "Germany", region: null },
      primaryContact: { name: "Lena Fischer", email: "lena.fischer@lumenfield.example.com" },
      owner: { name: "Tomás Berg", email: "tomas.berg@example.com" },
    });
    expect(deal.properties).toMatchObject({ Status: "Ready for onboarding", ARR: 36000 });
    // Renamed properties are followed through the settings.
    const renamed = await call(`/api/connectors/${c.id}`, { method: "PATCH", cookie, body: { settings: { notionProperties: { segment: "Plan" } } } });
    expect(renamed.status, renamed.text).toBe(200);
    expect((await service().fetchDeal(JSON.parse(pageUpdated), c.id)).segment).toBe("Growth");
  });

  it("a record the CRM does not have fails at once (404), as does an event that names none", async () => {
    const c = await connector("hubspot");
    const missing = await nodeError(service().fetchDeal({ objectId: 99999 }, c.id));
    expect(missing).toMatchObject({ retryable: false, code: "crm_not_found" });
    expect(missing.message).toContain("HubSpot has no deal 99999");
    expect(await nodeError(service().fetchDeal({ nothing: true }, c.id))).toMatchObject({ retryable: false, code: "no_record" });
  });
});

describe("CRM failures", () => {
  it("429 with Retry-After is retryable after at least that long", async () => {
    const c = await connector("hubspot");
    await fake("hubspot", "fail", { token: c.token, status: 429, retryAfter: 7 });
    const e = await nodeError(service().fetchDeal({ objectId: 24587310912 }, c.id));
    expect(e).toMatchObject({ retryable: true, retryAfterMs: 7000, code: "crm_rate_limited" });
    expect(e.message).toContain("after 7 s");
  });

  it("through a run: a 429 waits out Retry-After on the retry timer, a 500 is retried, then the step succeeds", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const wf = await activeWorkflow(cookie, hubspotTrigger(c.id));
    await fake("hubspot", "fail", { token: c.token, status: 429, retryAfter: 30, path: "/crm/v3/objects/deals/24587310912" });
    await fake("hubspot", "fail", { token: c.token, status: 500, path: "/crm/v3/objects/deals/24587310912" });
    await postHubspot(c.id, c.secret!, closedWonFixture);
    const [{ id: runId }] = await runsOf(cookie, wf);
    await kicked(runId);
    let run = await getRun(cookie, runId);
    expect(run.status).toBe("running");
    const wait = Date.parse(run.timers.find((t: any) => t.kind === "retry").at) - Date.now();
    expect(wait).toBeGreaterThan(25_000);
    expect(run.steps.find((s: any) => s.nodeId === "extract").error.message).toContain("429");
    await fire(runId); // attempt 2: the 500
    run = await getRun(cookie, runId);
    expect(run.steps.filter((s: any) => s.nodeId === "extract").at(-1).error.code).toBe("crm_unavailable");
    run = await drive(cookie, runId);
    expect(run.status, JSON.stringify(run.steps)).toBe("completed");
    const extract = run.steps.filter((s: any) => s.nodeId === "extract");
    expect(extract.at(-1)).toMatchObject({ status: "completed", attempts: 3 });
  });

  it("401 fails the step at once with “reconnect the connector”", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "hubspot");
    const wf = await activeWorkflow(cookie, hubspotTrigger(c.id));
    await fake("hubspot", "fail", { token: c.token, status: 401, times: 5 });
    await postHubspot(c.id, c.secret!, closedWonFixture);
    const [{ id: runId }] = await runsOf(cookie, wf);
    const run = await drive(cookie, runId);
    expect(run.status).toBe("failed");
    const step = run.steps.find((s: any) => s.nodeId === "extract");
    expect(step).toMatchObject({ status: "failed", attempts: 1 });
    expect(step.error.code).toBe("crm_auth");
    expect(step.error.message).toContain("Reconnect the connector");
  });
});

describe("write-back", () => {
  it("live runs PATCH the CRM record; test runs only say what they would write", async () => {
    for (const kind of ["hubspot", "salesforce", "notion"] as const) {
      const c = await connector(kind);
      const trigger = kind === "hubspot" ? { objectId: 24587310912 } : kind === "salesforce" ? outbound : JSON.parse(pageUpdated);
      const deal = await service().fetchDeal(trigger, c.id);
      const props: Record<string, string> = kind === "notion" ? { Status: "Onboarded", ARR: "40000" } : kind === "salesforce" ? { CSM__c: "Casey Chen" } : { csm_owner: "Casey Chen" };
      const dry = await service("test").update(deal, props);
      expect(dry.sent).toBe(false);
      expect(dry.detail).toMatch(/^Would update/);
      const writes = () => requestsSeen(kind, c.token).then((rs: any[]) => rs.filter((r) => r.method === "PATCH"));
      expect(await writes()).toHaveLength(0);
      const live = await service().update(deal, props);
      expect(live, kind).toMatchObject({ sent: true });
      const [patch] = await writes();
      expect(patch, kind).toBeTruthy();
      if (kind === "notion") {
        expect(JSON.parse(patch.body).properties).toEqual({ Status: { status: { name: "Onboarded" } }, ARR: { number: 40000 } });
        expect((await service().fetchDeal(trigger, c.id)).stage).toBe("Onboarded");
      } else {
        expect(patch.body).toContain("Casey Chen");
      }
    }
  });
});
