import { eq } from "drizzle-orm";
import { schema } from "../db/client";
import type { Definition } from "../../durable/graph";
import type { Deal } from "../../durable/types";
import { liveRunName, runIdFor, startRun } from "../lib/runs";
import type { SeedStep } from "./demo";

/** Cobalt Ridge Health, the Salesforce fixture's opportunity, normalised. */
export const DEMO_SALESFORCE_DEAL: Deal = {
  source: "salesforce",
  // Not the fixture opportunity (…Bq7XkAAJ): that one is left for "Send test event", which would
  // otherwise find it already has a run and start nothing on a fresh install.
  objectId: "0065g00000Bq7XpAAJ",
  url: "https://cobaltridge.my.salesforce.com/0065g00000Bq7XpAAJ",
  name: "Cobalt Ridge Health - Enterprise Platform",
  amount: 126000,
  arr: 126000,
  currency: "USD",
  stage: "Closed Won",
  closeDate: "2026-03-30",
  plan: "Enterprise",
  segment: "Enterprise",
  company: { name: "Cobalt Ridge Health", domain: "cobaltridge.example.com", industry: "Healthcare", employees: 1200, country: "Canada", region: "NA-East" },
  primaryContact: { name: "Daniel Whitfield", email: "daniel.whitfield@cobaltridge.example.com" },
  owner: { name: "Priya Natarajan", email: "priya.natarajan@example.com" },
  properties: {},
};

/** Starts a live run of a published preset on a deal, named as a webhook would name it. */
async function startDemoRun(db: Parameters<SeedStep>[0], env: Parameters<SeedStep>[2], workflowId: string | undefined, deal: Deal) {
  if (!workflowId) return;
  const wf = await db.select().from(schema.workflows).where(eq(schema.workflows.id, workflowId)).get();
  if (!wf?.publishedVersion) return;
  const v = await db.select().from(schema.workflowVersions).where(eq(schema.workflowVersions.workflowId, workflowId)).get();
  const definition = v!.definition as Definition;
  const connectorId = (definition.nodes.find((n) => n.type.startsWith("trigger."))?.config as { connectorId?: string })?.connectorId ?? "seed";
  await startRun(env, {
    runId: await runIdFor(liveRunName(workflowId, connectorId, deal.objectId)),
    workflowId,
    workflowName: wf.name,
    version: wf.publishedVersion,
    mode: "live",
    definition,
    trigger: null,
    deal,
    subject: { connector: deal.source, objectId: deal.objectId, name: deal.company.name },
  });
}

/**
 * One completed demo run: the Salesforce ARR-routing preset on the Cobalt Ridge deal, so runs,
 * an account with a plan and a welcome e-mail are there on first start-up.
 */
export const seedDemoRun: SeedStep = (db, result, env) => startDemoRun(db, env, result.workflows["salesforce-arr-routing"], DEMO_SALESFORCE_DEAL);

/** A second HubSpot customer, for the paused demo run (the fixture deal is left for "Send test event"). */
export const DEMO_HUBSPOT_DEAL: Deal = {
  source: "hubspot",
  objectId: "24587319001",
  url: "https://app.hubspot.com/contacts/4471023/record/0-3/24587319001",
  name: "Northwind Logistics - Growth",
  amount: 64000,
  arr: 64000,
  currency: "USD",
  stage: "closedwon",
  pipeline: "default",
  closeDate: "2026-11-20",
  plan: "growth",
  segment: "Mid-Market",
  company: { name: "Northwind Logistics", domain: "northwind.example.com", industry: "Logistics", employees: 420, country: "US", region: "NA-East" },
  primaryContact: { name: "Avery Lindqvist", email: "avery.lindqvist@northwind.example.com" },
  owner: { name: "Jordan Reyes", email: "jordan.reyes@example.com" },
  properties: {},
};

/**
 * A live run of the HubSpot "Closed Won" preset paused at the CSM-assignment task, so the Queue
 * Dashboard has an item on first start-up.
 */
export const seedPausedHubspotRun: SeedStep = (db, result, env) => startDemoRun(db, env, result.workflows["hubspot-closed-won"], DEMO_HUBSPOT_DEAL);
