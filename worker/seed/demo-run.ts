import { eq } from "drizzle-orm";
import { schema } from "../db/client";
import type { Definition } from "../../durable/graph";
import type { Deal } from "../../durable/types";
import { liveRunName, runIdFor, startRun } from "../lib/runs";
import type { SeedStep } from "./demo";

/** Cobalt Ridge Health, the Salesforce fixture's opportunity, normalised. */
export const DEMO_SALESFORCE_DEAL: Deal = {
  source: "salesforce",
  objectId: "0065g00000Bq7XkAAJ",
  url: "https://cobaltridge.my.salesforce.com/0065g00000Bq7XkAAJ",
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

/**
 * One completed demo run: the Salesforce ARR-routing preset on the Cobalt Ridge deal, so runs,
 * an account with a plan and a welcome e-mail are there on first start-up.
 */
export const seedDemoRun: SeedStep = async (db, result, env) => {
  const workflowId = result.workflows["salesforce-arr-routing"];
  if (!workflowId) return;
  const wf = await db.select().from(schema.workflows).where(eq(schema.workflows.id, workflowId)).get();
  if (!wf?.publishedVersion) return;
  const v = await db.select().from(schema.workflowVersions).where(eq(schema.workflowVersions.workflowId, workflowId)).get();
  const deal = DEMO_SALESFORCE_DEAL;
  const runId = await runIdFor(liveRunName(workflowId, "seed", deal.objectId));
  await startRun(env, {
    runId,
    workflowId,
    workflowName: wf.name,
    version: wf.publishedVersion,
    mode: "live",
    definition: v!.definition as Definition,
    trigger: null,
    deal,
    subject: { connector: "salesforce", objectId: deal.objectId, name: deal.company.name },
  });
};
