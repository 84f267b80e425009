import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, gt, or } from "drizzle-orm";
import type { Context } from "hono";
import { schema, type Database } from "../db/client";
import type { AppEnv } from "../env";
import { AppError, conflict, notFound, unprocessable, zodDetails } from "../errors";
import { createRouter, IdParam, jsonBody, jsonResponses, listOf, noContent } from "../lib/openapi";
import { newId } from "../lib/crypto";
import { decodeCursor, page, pageQuery } from "../lib/pagination";
import { iso } from "../lib/time";
import { requireAdmin } from "../middleware/auth";
import { CONNECTOR_KINDS, credentialSchemas, HubspotCredentials, mergeCredentials, NotionCredentials, SalesforceCredentials, type ConnectorKind } from "../crm/credentials";
import { loadConnector, openConnector, sealJson, sealString, type ConnectorRow } from "../crm/connector";
import { CrmError } from "../crm/errors";
import { ConnectorSettings, mergeSettings, readSettings } from "../crm/settings";
import { testConnector } from "../crm/test-connection";
import { connectorView } from "../crm/view";

const Name = z.string().trim().min(1).max(120);
const Kind = z.enum(CONNECTOR_KINDS);

export const ConnectorSchema = z
  .object({
    id: z.string(),
    kind: Kind,
    name: z.string(),
    status: z.enum(["connected", "error", "pending"]),
    mode: z.enum(["live", "demo"]),
    webhookUrl: z.string(),
    lastEventAt: z.string().nullable(),
    lastError: z.string().nullable(),
    credentials: z.record(z.string(), z.string()).openapi({ description: "Secrets are masked (`pat-…a1b2`); URLs and ids are shown" }),
    settings: z.record(z.string(), z.unknown()),
    verification: z.object({ received: z.boolean(), tokenHint: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Connector");

const CreateBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("hubspot"), name: Name, credentials: HubspotCredentials, settings: ConnectorSettings.optional() }),
  z.object({ kind: z.literal("salesforce"), name: Name, credentials: SalesforceCredentials, settings: ConnectorSettings.optional() }),
  z.object({ kind: z.literal("notion"), name: Name, credentials: NotionCredentials, settings: ConnectorSettings.optional() }),
]);
const UpdateBody = z
  .object({
    name: Name.optional(),
    credentials: z.record(z.string(), z.string().max(2000).nullable()).optional().openapi({ description: "Only the fields that change; the rest are kept" }),
    settings: ConnectorSettings.optional(),
  })
  .strict();

/** The base of webhook URLs: the configured public URL, else the origin this request came to. */
export const publicBase = (c: Context<AppEnv>) => c.env.APP_URL || new URL(c.req.url).origin;

/** Runs a connector operation, turning a configuration problem (no ENCRYPTION_KEY) into a clear 503. */
async function orConfigError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CrmError && e.kind === "config") throw new AppError(503, "connector_unavailable", e.message);
    throw e;
  }
}

export async function requireConnector(db: Database, id: string): Promise<ConnectorRow> {
  const row = await loadConnector(db, id);
  if (!row) throw notFound("Connector");
  return row;
}

async function view(c: Context<AppEnv>, row: ConnectorRow) {
  return connectorView(await orConfigError(() => openConnector(c.env, row)), publicBase(c));
}

/** Notion's verification token lives in its own column; the rest of the credentials are one sealed JSON. */
function splitNotionToken(kind: ConnectorKind, creds: Record<string, unknown>) {
  if (kind !== "notion" || typeof creds.verificationToken !== "string") return { creds, token: undefined };
  const { verificationToken, ...rest } = creds;
  return { creds: rest, token: verificationToken as string };
}

const router = createRouter();
router.use("*", requireAdmin);

/** Connectors: admins only. Secrets go in, never come out. */
export const connectorRoutes = router
  .openapi(createRoute({ method: "get", path: "/", request: { query: pageQuery }, responses: jsonResponses(200, listOf(ConnectorSchema)) }), async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const t = schema.connectors;
    const after = decodeCursor(cursor);
    const rows = await c
      .get("db")
      .select()
      .from(t)
      .where(after ? or(gt(t.createdAt, String(after.k)), and(eq(t.createdAt, String(after.k)), gt(t.id, after.id))) : undefined)
      .orderBy(asc(t.createdAt), asc(t.id))
      .limit(limit + 1);
    const p = page(rows, limit, (r) => r.createdAt);
    return c.json({ items: await Promise.all(p.items.map((r) => view(c, r))), nextCursor: p.nextCursor }, 200);
  })
  .openapi(
    createRoute({ method: "post", path: "/", request: { body: jsonBody(CreateBody) }, responses: jsonResponses(201, ConnectorSchema) }),
    async (c) => {
      const body = c.req.valid("json");
      const db = c.get("db");
      const now = iso();
      const { creds, token } = splitNotionToken(body.kind, body.credentials);
      const id = newId("con_");
      await orConfigError(async () =>
        db.insert(schema.connectors).values({
          id,
          kind: body.kind,
          name: body.name,
          status: "pending",
          mode: "live",
          credentialsEnc: await sealJson(c.env, creds),
          verificationTokenEnc: token ? await sealString(c.env, token) : null,
          settings: body.settings ?? {},
          createdAt: now,
          updatedAt: now,
        }),
      );
      // A first real call tells the admin at once whether the credentials work.
      await testConnector(c.env, db, (await loadConnector(db, id))!);
      return c.json(await view(c, (await loadConnector(db, id))!), 201);
    },
  )
  .openapi(createRoute({ method: "get", path: "/{id}", request: { params: IdParam }, responses: jsonResponses(200, ConnectorSchema) }), async (c) => {
    return c.json(await view(c, await requireConnector(c.get("db"), c.req.valid("param").id)), 200);
  })
  .openapi(
    createRoute({ method: "patch", path: "/{id}", request: { params: IdParam, body: jsonBody(UpdateBody) }, responses: jsonResponses(200, ConnectorSchema) }),
    async (c) => {
      const db = c.get("db");
      const row = await requireConnector(db, c.req.valid("param").id);
      const body = c.req.valid("json");
      const set: Partial<typeof schema.connectors.$inferInsert> = { updatedAt: iso() };
      if (body.name) set.name = body.name;
      if (body.settings) set.settings = mergeSettings(readSettings(row.settings), body.settings);
      if (body.credentials) {
        const open = await orConfigError(() => openConnector(c.env, row));
        const merged = mergeCredentials({ ...open.credentials, ...(open.verificationToken ? { verificationToken: open.verificationToken } : {}) }, body.credentials, row.kind);
        const parsed = credentialSchemas[row.kind].safeParse(merged);
        if (!parsed.success) throw unprocessable("The credentials are not complete.", zodDetails(parsed.error.issues).map((d) => ({ ...d, path: `credentials.${d.path}` })));
        const { creds, token } = splitNotionToken(row.kind, parsed.data);
        set.credentialsEnc = await orConfigError(() => sealJson(c.env, creds));
        if (row.kind === "notion") set.verificationTokenEnc = token ? await orConfigError(() => sealString(c.env, token)) : null;
      }
      await db.update(schema.connectors).set(set).where(eq(schema.connectors.id, row.id));
      if (body.credentials) await testConnector(c.env, db, (await loadConnector(db, row.id))!);
      return c.json(await view(c, (await loadConnector(db, row.id))!), 200);
    },
  )
  .openapi(createRoute({ method: "delete", path: "/{id}", request: { params: IdParam }, responses: noContent }), async (c) => {
    const db = c.get("db");
    const row = await requireConnector(db, c.req.valid("param").id);
    const w = schema.workflows;
    const users = await db.select({ name: w.name }).from(w).where(and(eq(w.triggerConnectorId, row.id), eq(w.status, "active")));
    if (users.length) {
      throw conflict("connector_in_use", `Active workflows use this connector: ${users.map((u) => `“${u.name}”`).join(", ")}. Pause or archive them first.`);
    }
    await db.batch([db.delete(schema.events).where(eq(schema.events.connectorId, row.id)), db.delete(schema.connectors).where(eq(schema.connectors.id, row.id))]);
    return c.body(null, 204);
  });

