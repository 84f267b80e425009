/**
 * The demo's three connectors (HubSpot, Salesforce, Notion) in demo mode, pointing at the local fake
 * CRM servers `npm start` runs, with well-known webhook secrets so a newcomer can sign events by
 * hand. Demo secrets are constants, not secrets: never use them for a real CRM.
 */
import { eq } from "drizzle-orm";
import { schema, type Database } from "../db/client";
import { sealJson, sealString } from "../crm/connector";
import { webhookUrl } from "../crm/view";
import { newId } from "../lib/crypto";
import { iso } from "../lib/time";
import { changeStatus } from "../routes/workflows";
import type { SeedEnv, SeedStep } from "./demo";

export const DEMO_HUBSPOT_CLIENT_SECRET = "demo-hubspot-client-secret";
export const DEMO_NOTION_VERIFICATION_TOKEN = "secret_demoNotionVerificationToken0000000000000";
export const DEMO_SALESFORCE_ORG_ID = "00D5g00000KxRtUEAV";
export const DEMO_NOTION_DATABASE_ID = "1e9a3b5c-7d2e-8041-a6f8-e3b2c1d09a7f";

/** Where the fake CRMs listen: passed by `npm start` as vars; these defaults match its default ports. */
interface FakeCrmEnv {
  FAKE_HUBSPOT_URL?: string;
  FAKE_SALESFORCE_URL?: string;
  FAKE_NOTION_URL?: string;
}

const fakeUrls = (env: SeedEnv) => {
  const e = env as SeedEnv & FakeCrmEnv;
  return {
    hubspot: e.FAKE_HUBSPOT_URL || "http://127.0.0.1:8790",
    salesforce: e.FAKE_SALESFORCE_URL || "http://127.0.0.1:8791",
    notion: e.FAKE_NOTION_URL || "http://127.0.0.1:8792",
  };
};

/** `beforePresets`: the connectors the presets' triggers point at. */
export const seedDemoConnectors: SeedStep = async (db, _result, env) => {
  const urls = fakeUrls(env);
  const now = iso();
  const demo = [
    { kind: "hubspot" as const, name: "HubSpot (demo)", credentials: { accessToken: "pat-demo-0000-hubspot-token", clientSecret: DEMO_HUBSPOT_CLIENT_SECRET, apiBaseUrl: urls.hubspot }, settings: { portalId: "48211937" }, token: null },
    {
      kind: "salesforce" as const,
      name: "Salesforce (demo)",
      credentials: { instanceUrl: "https://northwind-saas.my.salesforce.com", accessToken: "demo-salesforce-access-token", organizationId: DEMO_SALESFORCE_ORG_ID, apiBaseUrl: urls.salesforce },
      settings: {},
      token: null,
    },
    { kind: "notion" as const, name: "Notion (demo)", credentials: { token: "secret_demoNotionIntegrationToken", apiBaseUrl: urls.notion }, settings: { databaseId: DEMO_NOTION_DATABASE_ID, currency: "EUR" }, token: DEMO_NOTION_VERIFICATION_TOKEN },
  ];
  for (const c of demo) {
    await db.insert(schema.connectors).values({
      id: newId("con_"),
      kind: c.kind,
      name: c.name,
      status: "connected",
      mode: "demo",
      credentialsEnc: await sealJson(env, c.credentials),
      verificationTokenEnc: c.token ? await sealString(env, c.token) : null,
      settings: c.settings,
      createdAt: now,
      updatedAt: now,
    });
  }
};

/**
 * `afterPresets`: the Salesforce and Notion presets active too, so an Outbound Message or a Notion
 * event sent to the local server starts a run just like the HubSpot one. The AE-handoff preset
 * stays a draft: it shares the HubSpot trigger and would start a second run for every deal.
 */
export const activateDemoCrmWorkflows: SeedStep = async (db, result) => {
  for (const presetId of ["salesforce-arr-routing", "notion-approval"]) {
    const id = result.workflows[presetId];
    const row = id ? await db.select().from(schema.workflows).where(eq(schema.workflows.id, id)).get() : null;
    if (row?.publishedVersion) await changeStatus(db, row, "active").catch(() => undefined);
  }
};

/** What `npm start` prints: each demo connector's webhook URL and the secret that signs for it. */
export async function demoWebhookSecrets(db: Database, env: SeedEnv): Promise<{ kind: string; url: string; secret: string }[]> {
  const rows = await db.select().from(schema.connectors).where(eq(schema.connectors.mode, "demo"));
  const base = env.APP_URL || "http://localhost:8787";
  const secret = { hubspot: DEMO_HUBSPOT_CLIENT_SECRET, salesforce: `none (OrganizationId ${DEMO_SALESFORCE_ORG_ID})`, notion: DEMO_NOTION_VERIFICATION_TOKEN };
  return rows.map((r) => ({ kind: r.kind, url: webhookUrl(base, r.kind, r.id), secret: secret[r.kind] }));
}
