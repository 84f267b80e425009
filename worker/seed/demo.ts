import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { schema } from "../db/client";
import { hashPassword, newId } from "../lib/crypto";
import { iso } from "../lib/time";
import { DEMO_TEMPLATES } from "./templates";
import { demoWebhookSecrets } from "./connectors";
import { buildPresets } from "../../durable/presets";
import { validateDefinition } from "../../durable/graph";
import { presetRefs } from "../db/queries/preset-refs";
import { changeStatus, publishWorkflow } from "../routes/workflows";

export const DEMO_USERS = [
  { key: "admin", email: "admin@example.com", name: "Alex Admin", role: "admin" as const },
  { key: "csm1", email: "csm1@example.com", name: "Casey Chen", role: "csm" as const },
  { key: "csm2", email: "csm2@example.com", name: "Sam Rivera", role: "csm" as const },
  { key: "csm3", email: "csm3@example.com", name: "Robin Patel", role: "csm" as const },
];

const SEED_MARKER = "demo_seeded";

export interface SeedResult {
  created: boolean;
  users: Record<string, string>;
  pools: Record<string, string>;
  templates: Record<string, string>;
  workflows: Record<string, string>;
  /** The demo connectors' webhook URLs and signing secrets, for `npm start` to print (never stored). */
  webhookSecrets?: { kind: string; url: string; secret: string }[];
}

/** Hooks later seed steps plug into (connectors, demo runs), run in order after the core seed. */
export type SeedStep = (db: Database, result: Omit<SeedResult, "created">, env: SeedEnv) => Promise<void>;
export interface SeedEnv {
  RUNS: DurableObjectNamespace;
  ENCRYPTION_KEY?: string;
  APP_URL?: string;
}

/**
 * Seeds the demo workspace of API.md ("Local demo") unless it already exists. Idempotent: a
 * marker row records that seeding ran, so restarts never duplicate or overwrite demo data.
 */
export async function seedDemo(
  db: Database,
  opts: { password: string; env: SeedEnv; beforePresets?: SeedStep[]; afterPresets?: SeedStep[] },
): Promise<SeedResult> {
  const marker = await db.select().from(schema.settings).where(eq(schema.settings.key, SEED_MARKER)).get();
  if (marker) return { ...(marker.value as Omit<SeedResult, "created">), created: false, webhookSecrets: await demoWebhookSecrets(db, opts.env) };

  const now = iso();
  const hash = await hashPassword(opts.password);
  const users: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const existing = await db.select().from(schema.users).where(eq(schema.users.email, u.email)).get();
    const id = existing?.id ?? newId("u_");
    if (!existing) {
      await db.insert(schema.users).values({ id, email: u.email, name: u.name, role: u.role, passwordHash: hash, active: true, outOfOffice: false, createdAt: now, updatedAt: now });
    }
    users[u.key] = id;
  }

  const pools: Record<string, string> = { senior: newId("pool_"), general: newId("pool_") };
  await db.insert(schema.pools).values([
    { id: pools.senior, name: "Senior CSMs", createdAt: now, updatedAt: now },
    { id: pools.general, name: "General pool", createdAt: now, updatedAt: now },
  ]);
  await db.insert(schema.poolMembers).values([
    { poolId: pools.senior, userId: users.csm1, weight: 2, capacity: 25 },
    { poolId: pools.senior, userId: users.csm2, weight: 1, capacity: 25 },
    { poolId: pools.general, userId: users.csm2, weight: 1, capacity: 40 },
    { poolId: pools.general, userId: users.csm3, weight: 1, capacity: 40 },
  ]);

  const templates: Record<string, string> = {};
  for (const t of DEMO_TEMPLATES) {
    templates[t.key] = newId("tpl_");
    await db.insert(schema.templates).values({ id: templates[t.key], name: t.name, description: t.description, milestones: t.milestones, createdAt: now, updatedAt: now });
  }

  const result = { users, pools, templates, workflows: {} as Record<string, string> };
  for (const step of opts.beforePresets ?? []) await step(db, result, opts.env);

  // The four presets, published; the HubSpot "Closed Won" one active when its connector is connected.
  for (const preset of buildPresets(await presetRefs(db))) {
    const id = newId("wf_");
    result.workflows[preset.id] = id;
    const [row] = await db
      .insert(schema.workflows)
      .values({ id, name: preset.name, description: preset.description, status: "draft", draft: preset.definition, createdBy: users.admin, createdAt: now, updatedAt: now })
      .returning();
    if (!validateDefinition(preset.definition).valid) continue;
    await publishWorkflow(db, row, users.admin);
    if (preset.id === "hubspot-closed-won") {
      const published = await db.select().from(schema.workflows).where(eq(schema.workflows.id, id)).get();
      await changeStatus(db, published!, "active").catch(() => undefined);
    }
  }
  for (const step of opts.afterPresets ?? []) await step(db, result, opts.env);

  await db.insert(schema.settings).values({ key: SEED_MARKER, value: result, updatedAt: now });
  return { ...result, created: true, webhookSecrets: await demoWebhookSecrets(db, opts.env) };
}
