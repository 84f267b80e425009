import { asc } from "drizzle-orm";
import type { Database } from "../client";
import { schema } from "../client";

/**
 * The workspace objects presets point at: the first connector of each CRM, the senior and general
 * pools and the enterprise and standard templates (matched by name, else the first ones).
 */
export async function presetRefs(db: Database) {
  const [connectors, pools, templates, admins] = await Promise.all([
    db.select().from(schema.connectors).orderBy(asc(schema.connectors.createdAt)),
    db.select().from(schema.pools).orderBy(asc(schema.pools.createdAt)),
    db.select().from(schema.templates).orderBy(asc(schema.templates.createdAt)),
    db.select().from(schema.users).orderBy(asc(schema.users.createdAt)),
  ]);
  const byName = <T extends { name: string }>(rows: T[], re: RegExp) => rows.find((r) => re.test(r.name));
  const senior = byName(pools, /senior|enterprise/i) ?? pools[0];
  const general = byName(pools, /general|smb|standard/i) ?? pools.find((p) => p !== senior) ?? pools[0];
  const enterprise = byName(templates, /enterprise/i) ?? templates[0];
  const standard = byName(templates, /standard|smb|growth/i) ?? templates.find((t) => t !== enterprise) ?? templates[0];
  const manager = admins.find((u) => u.role === "admin" && u.active);
  return {
    hubspotConnectorId: connectors.find((c) => c.kind === "hubspot")?.id,
    salesforceConnectorId: connectors.find((c) => c.kind === "salesforce")?.id,
    notionConnectorId: connectors.find((c) => c.kind === "notion")?.id,
    seniorPoolId: senior?.id,
    generalPoolId: general?.id,
    enterpriseTemplateId: enterprise?.id,
    standardTemplateId: standard?.id,
    managerUserId: manager?.id,
  };
}
