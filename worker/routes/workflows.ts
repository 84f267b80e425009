import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import { schema } from "../db/client";
import type { Database } from "../db/client";
import { AppError, conflict, notFound, unprocessable } from "../errors";
import { createRouter, IdParam, jsonBody, jsonResponses, listOf } from "../lib/openapi";
import { newId, sha256Hex } from "../lib/crypto";
import { decodeCursor, page, pageQuery } from "../lib/pagination";
import { iso } from "../lib/time";
import { requireAdmin } from "../middleware/auth";
import { getVersion, getWorkflow, listVersions, runCounts, triggerOf, triggerSummary, type WorkflowRow } from "../db/queries/workflows";
import { dealReadBeforeExtract, DefinitionSchema, triggerNode, validateDefinition, type Definition } from "../../durable/graph";
import { hubspotRecordId } from "../crm/hubspot-deal";
import { notionRecordId } from "../crm/notion";
import { salesforceRecordId } from "../crm/salesforce";
import { buildPresets } from "../../durable/presets";
import { presetRefs } from "../db/queries/preset-refs";
import { runIdFor, startRun, testRunName } from "../lib/runs";
import { DealInput, normaliseDealInput } from "../lib/deal";

const Status = z.enum(["draft", "active", "paused", "archived"]);
const RunCounts = z.object({ total: z.number(), running: z.number(), paused: z.number(), completed: z.number(), failed: z.number(), cancelled: z.number() });
const WorkflowListItem = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    status: Status,
    publishedVersion: z.number().nullable(),
    updatedAt: z.string(),
    trigger: z.object({ type: z.string().nullable(), summary: z.string() }),
    runCounts: RunCounts,
    lastRunAt: z.string().nullable(),
  })
  .openapi("WorkflowListItem");
const VersionInfo = z.object({ version: z.number(), publishedAt: z.string(), publishedBy: z.string().nullable() });
const WorkflowDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    status: Status,
    draft: z.any(),
    publishedVersion: z.number().nullable(),
    unpublishedChanges: z.boolean(),
    versions: z.array(VersionInfo),
    reenroll: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Workflow");
const ValidationResult = z.object({ valid: z.boolean(), errors: z.array(z.object({ nodeId: z.string().optional(), path: z.string(), message: z.string() })) });

const Name = z.string().trim().min(1).max(120);
const Description = z.string().max(2000);
const CreateBody = z.union([
  z.object({ presetId: z.string().min(1).max(100), name: Name.optional() }).strict(),
  z.object({ name: Name, description: Description.optional(), definition: DefinitionSchema.optional() }).strict(),
]);
const UpdateBody = z.object({ name: Name.optional(), description: Description.optional(), draft: DefinitionSchema.optional(), reenroll: z.boolean().optional() }).strict();
const StatusBody = z.object({ status: Status });
const TestBody = z
  .object({ event: z.unknown().optional(), deal: DealInput.optional(), version: z.union([z.number().int().min(1), z.literal("draft")]).optional() })
  .strict()
  .refine((b) => b.event !== undefined || b.deal !== undefined, { message: "Give a CRM `event` or a `deal` to test with.", path: ["deal"] });
const ExportDoc = z.object({ format: z.literal("onboarding-workflow"), formatVersion: z.literal(1), name: Name, description: Description.optional(), reenroll: z.boolean().optional(), definition: DefinitionSchema });
const ListQuery = pageQuery.extend({ status: z.enum(["draft", "active", "paused", "archived", "all"]).optional() });
const VersionParams = z.object({ id: z.string().min(1).max(200), v: z.coerce.number().int().min(1) });

/** Legal status changes; anything else is a 409. Restoring an archived workflow returns it to draft. */
const TRANSITIONS: Record<string, string[]> = {
  draft: ["active", "archived"],
  active: ["paused", "archived"],
  paused: ["active", "archived"],
  archived: ["draft"],
};

/**
 * A workflow as the builder reads it. `unpublishedChanges`: the saved draft differs from what was
 * last published (by the hash publishing keeps), so the header can say so before anyone activates.
 */
async function detail(w: WorkflowRow, versions: z.infer<typeof VersionInfo>[]) {
  const unpublishedChanges = w.publishedVersion != null && w.publishedDraftHash != null && (await sha256Hex(JSON.stringify(w.draft))) !== w.publishedDraftHash;
  return { id: w.id, name: w.name, description: w.description, status: w.status, draft: w.draft, publishedVersion: w.publishedVersion, unpublishedChanges, versions, reenroll: w.reenroll, createdAt: w.createdAt, updatedAt: w.updatedAt };
}

async function insertWorkflow(db: Database, name: string, description: string, definition: Definition, userId: string, reenroll = false) {
  const now = iso();
  const [row] = await db
    .insert(schema.workflows)
    .values({ id: newId("wf_"), name, description, status: "draft", draft: definition, reenroll, createdBy: userId, createdAt: now, updatedAt: now })
    .returning();
  return row;
}

/**
 * `wanted`, or `wanted (2)`, `(3)`… when a workflow already has that name: a second workflow made
 * from one preset without a name of its own, or a second import of one file, must be told apart in
 * lists and the queue's filter.
 */
async function freeName(db: Database, wanted: string): Promise<string> {
  const w = schema.workflows;
  // "Onboarding (2)" taken too counts on from "Onboarding": the next is "(3)", not "(2) (2)".
  // A name near the 120-character limit is shortened to leave room for the number.
  const base = (wanted.replace(/ \(\d+\)$/, "") || wanted).slice(0, 120 - " (9999)".length).trimEnd();
  // instr, not LIKE: D1 refuses LIKE patterns over 50 bytes, and a prefix needs no escaping.
  const taken = new Set((await db.select({ name: w.name }).from(w).where(or(eq(w.name, wanted), sql`instr(${w.name}, ${`${base} (`}) = 1`))).map((r) => r.name));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}

/** Publishes the draft as the next version: validated, frozen, numbered. */
export async function publishWorkflow(db: Database, w: WorkflowRow, userId: string | null) {
  const result = validateDefinition(w.draft);
  if (!result.valid) throw new AppError(422, "invalid_definition", "The workflow has problems to fix before it can be published.", result.errors);
  // An unchanged draft would only make a copy of the last version: a run history with v1 and an
  // identical v2 tells nobody anything. (A draft published before this hash existed counts as changed.)
  const draftHash = await sha256Hex(JSON.stringify(w.draft));
  if (w.publishedVersion && w.publishedDraftHash === draftHash) {
    throw conflict("no_changes", `Nothing to publish: the draft is the same as version ${w.publishedVersion}.`);
  }
  const version = (w.publishedVersion ?? 0) + 1;
  const trigger = triggerOf(w.draft as Definition);
  const now = iso();
  await db.batch([
    db.insert(schema.workflowVersions).values({ workflowId: w.id, version, definition: w.draft, publishedAt: now, publishedBy: userId }),
    db
      .update(schema.workflows)
      .set({ publishedVersion: version, publishedDraftHash: draftHash, triggerType: trigger?.type ?? null, triggerConnectorId: (trigger?.config?.connectorId as string) ?? null, updatedAt: now })
      .where(eq(schema.workflows.id, w.id)),
  ]);
  return { version, publishedAt: now, publishedBy: userId };
}

/** Applies a status change, enforcing the legal transitions and activation's preconditions. */
export async function changeStatus(db: Database, w: WorkflowRow, to: z.infer<typeof Status>) {
  if (w.status === to) return w;
  if (!TRANSITIONS[w.status]?.includes(to)) throw conflict("illegal_status_change", `A ${w.status} workflow cannot become ${to}.`);
  if (to === "active") {
    if (!w.publishedVersion) throw conflict("not_published", "Publish the workflow before activating it.");
    const v = await getVersion(db, w.id, w.publishedVersion);
    const connectorId = triggerOf(v?.definition as Definition)?.config?.connectorId as string | undefined;
    const connector = connectorId ? await db.select().from(schema.connectors).where(eq(schema.connectors.id, connectorId)).get() : null;
    if (!connector) throw conflict("connector_missing", "The trigger's connector does not exist; choose a connector and publish again.");
    // Test runs are handed a deal; live ones start from the event alone and would read nothing.
    const early = dealReadBeforeExtract(v!.definition as Definition);
    if (early) {
      throw conflict("deal_not_fetched", `“${early.name}” reads ${early.path}, but no “Extract deal data” step comes before it, so live runs have no deal there. Add “Extract deal data” after the trigger, publish, and activate again.`);
    }
    if (connector.status !== "connected") throw conflict("connector_not_connected", `The connector “${connector.name}” is not connected; fix it on the Connectors page first.`);
  }
  const [row] = await db.update(schema.workflows).set({ status: to, updatedAt: iso() }).where(eq(schema.workflows.id, w.id)).returning();
  return row;
}

const router = createRouter();
router.use("*", requireAdmin);

/** Workflows: admins only. */
export const workflowRoutes = router
  .openapi(createRoute({ method: "get", path: "/", request: { query: ListQuery }, responses: jsonResponses(200, listOf(WorkflowListItem)) }), async (c) => {
    const { limit, cursor, status } = c.req.valid("query");
    const db = c.get("db");
    const w = schema.workflows;
    const after = decodeCursor(cursor);
    const rows = await db
      .select()
      .from(w)
      .where(
        and(
          status === "all" ? undefined : status ? eq(w.status, status) : ne(w.status, "archived"),
          after ? or(lt(w.updatedAt, String(after.k)), and(eq(w.updatedAt, String(after.k)), lt(w.id, after.id))) : undefined,
        ),
      )
      .orderBy(desc(w.updatedAt), desc(w.id))
      .limit(limit + 1);
    const p = page(rows, limit, (r) => r.updatedAt);
    const counts = await runCounts(db, p.items.map((r) => r.id));
    const published = p.items.filter((r) => r.publishedVersion);
    const versions = published.length
      ? await db
          .select()
          .from(schema.workflowVersions)
          .where(or(...published.map((r) => and(eq(schema.workflowVersions.workflowId, r.id), eq(schema.workflowVersions.version, r.publishedVersion!)))))
      : [];
    const items = p.items.map((r) => {
      const v = versions.find((x) => x.workflowId === r.id);
      const { lastRunAt, ...rc } = counts.get(r.id) as any;
      return {
        id: r.id,
        name: r.name,
        description: r.description,
        status: r.status,
        publishedVersion: r.publishedVersion,
        updatedAt: r.updatedAt,
        trigger: triggerSummary((v?.definition ?? r.draft) as Definition),
        runCounts: rc,
        lastRunAt: lastRunAt ?? null,
      };
    });
    return c.json({ items, nextCursor: p.nextCursor }, 200);
  })
  .openapi(
    createRoute({ method: "post", path: "/", request: { body: jsonBody(CreateBody) }, responses: jsonResponses(201, WorkflowDetail) }),
    async (c) => {
      const body = c.req.valid("json");
      const db = c.get("db");
      let row: WorkflowRow;
      if ("presetId" in body) {
        const preset = buildPresets(await presetRefs(db)).find((p) => p.id === body.presetId);
        if (!preset) throw new AppError(422, "validation_failed", "No such preset.", [{ path: "presetId", message: "No such preset." }]);
        row = await insertWorkflow(db, body.name ?? (await freeName(db, preset.name)), preset.description, preset.definition, c.get("user").id);
      } else {
        row = await insertWorkflow(db, body.name, body.description ?? "", body.definition ?? { nodes: [], edges: [] }, c.get("user").id);
      }
      return c.json(await detail(row, []), 201);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/import", request: { body: jsonBody(ExportDoc) }, responses: jsonResponses(201, WorkflowDetail) }),
    async (c) => {
      const doc = c.req.valid("json");
      const db = c.get("db");
      // An import never takes a name already in use: a second copy arrives as "Name (2)".
      const row = await insertWorkflow(db, await freeName(db, doc.name), doc.description ?? "", doc.definition, c.get("user").id, doc.reenroll ?? false);
      return c.json(await detail(row, []), 201);
    },
  )
  .openapi(createRoute({ method: "get", path: "/{id}", request: { params: IdParam }, responses: jsonResponses(200, WorkflowDetail) }), async (c) => {
    const db = c.get("db");
    const w = await getWorkflow(db, c.req.valid("param").id, c.get("preloaded"));
    return c.json(await detail(w, await listVersions(db, w.id, c.get("preloaded"))), 200);
  })
  .openapi(
    createRoute({ method: "put", path: "/{id}", request: { params: IdParam, body: jsonBody(UpdateBody) }, responses: jsonResponses(200, WorkflowDetail) }),
    async (c) => {
      const db = c.get("db");
      const w = await getWorkflow(db, c.req.valid("param").id, c.get("preloaded"));
      if (w.status === "archived") throw conflict("archived", "An archived workflow is read-only; restore it first.");
      const body = c.req.valid("json");
      const [row] = await db
        .update(schema.workflows)
        .set({ ...body, updatedAt: iso() })
        .where(eq(schema.workflows.id, w.id))
        .returning();
      return c.json(await detail(row, await listVersions(db, w.id, c.get("preloaded"))), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/overlaps",
      summary: "Other active workflows on this workflow's trigger connector: activating both starts a run of each for a deal both match",
      request: { params: IdParam },
      responses: jsonResponses(200, z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) })),
    }),
    async (c) => {
      const db = c.get("db");
      const w = await getWorkflow(db, c.req.valid("param").id, c.get("preloaded"));
      const connectorId = w.triggerConnectorId ?? (triggerOf(w.draft as Definition)?.config?.connectorId as string | undefined) ?? null;
      const t = schema.workflows;
      const items = connectorId
        ? await db.select({ id: t.id, name: t.name }).from(t).where(and(eq(t.status, "active"), eq(t.triggerConnectorId, connectorId), ne(t.id, w.id))).orderBy(t.name).limit(20)
        : [];
      return c.json({ items }, 200);
    },
  )
  .openapi(createRoute({ method: "get", path: "/{id}/validate", request: { params: IdParam }, responses: jsonResponses(200, ValidationResult) }), async (c) => {
    const w = await getWorkflow(c.get("db"), c.req.valid("param").id, c.get("preloaded"));
    const r = validateDefinition(w.draft);
    return c.json({ valid: r.valid, errors: r.errors }, 200);
  })
  .openapi(createRoute({ method: "post", path: "/{id}/publish", request: { params: IdParam }, responses: jsonResponses(201, VersionInfo) }), async (c) => {
    const db = c.get("db");
    const w = await getWorkflow(db, c.req.valid("param").id, c.get("preloaded"));
    if (w.status === "archived") throw conflict("archived", "An archived workflow cannot be published; restore it first.");
    return c.json(await publishWorkflow(db, w, c.get("user").id), 201);
  })
  .openapi(
    createRoute({ method: "get", path: "/{id}/versions/{v}", request: { params: VersionParams }, responses: jsonResponses(200, VersionInfo.extend({ definition: z.any() })) }),
    async (c) => {
      const { id, v } = c.req.valid("param");
      const row = await getVersion(c.get("db"), id, v);
      if (!row) throw notFound("Version");
      return c.json({ version: row.version, definition: row.definition, publishedAt: row.publishedAt, publishedBy: row.publishedBy }, 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/{id}/status", request: { params: IdParam, body: jsonBody(StatusBody) }, responses: jsonResponses(200, WorkflowDetail) }),
    async (c) => {
      const db = c.get("db");
      const w = await getWorkflow(db, c.req.valid("param").id, c.get("preloaded"));
      const row = await changeStatus(db, w, c.req.valid("json").status);
      return c.json(await detail(row, await listVersions(db, w.id, c.get("preloaded"))), 200);
    },
  )
  .openapi(
    createRoute({ method: "post", path: "/{id}/test", request: { params: IdParam, body: jsonBody(TestBody) }, responses: jsonResponses(201, z.object({ runId: z.string() })) }),
    async (c) => {
      const db = c.get("db");
      const w = await getWorkflow(db, c.req.valid("param").id, c.get("preloaded"));
      const body = c.req.valid("json");
      const which = body.version ?? "draft";
      let definition: Definition;
      if (which === "draft") {
        const r = validateDefinition(w.draft);
        if (!r.valid) throw new AppError(422, "invalid_definition", "Fix the workflow's problems before testing it.", r.errors);
        definition = w.draft as Definition;
      } else {
        const v = await getVersion(db, w.id, which);
        if (!v) throw notFound("Version");
        definition = v.definition as Definition;
      }
      const deal = body.deal ? normaliseDealInput(body.deal) : null;
      if (body.event !== undefined && !body.deal) checkTestEvent(definition, body.event);
      const runId = await runIdFor(testRunName(w.id));
      await startRun(c.env, {
        runId,
        workflowId: w.id,
        workflowName: w.name,
        version: which === "draft" ? null : which,
        mode: "test",
        definition,
        trigger: body.event ?? null,
        deal,
        subject: { connector: deal?.source ?? null, objectId: deal?.objectId ?? null, name: deal?.company.name ?? deal?.name ?? null },
      });
      return c.json({ runId }, 201);
    },
  )
  .openapi(createRoute({ method: "get", path: "/{id}/export", request: { params: IdParam }, responses: jsonResponses(200, ExportDoc) }), async (c) => {
    const w = await getWorkflow(c.get("db"), c.req.valid("param").id, c.get("preloaded"));
    c.header("content-disposition", `attachment; filename="${w.name.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60) || "workflow"}.json"`);
    return c.json({ format: "onboarding-workflow" as const, formatVersion: 1 as const, name: w.name, description: w.description, reenroll: w.reenroll, definition: w.draft as Definition }, 200);
  });

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * What a raw webhook body of each trigger's CRM looks like, and the record it names: a HubSpot
 * batch of subscription events, a Salesforce Outbound Message (or its sObject), a Notion event.
 */
const RAW_EVENTS: Record<string, { crm: string; record: string; shaped: (event: unknown) => boolean; recordId: (event: unknown) => string | null }> = {
  "trigger.hubspot": { crm: "HubSpot", record: "deal", shaped: (e) => (Array.isArray(e) ? e : [e]).some((x) => isObject(x) && typeof x.subscriptionType === "string"), recordId: hubspotRecordId },
  "trigger.salesforce": { crm: "Salesforce", record: "opportunity", shaped: (e) => typeof e === "string" || (isObject(e) && isObject(e.sObject)), recordId: salesforceRecordId },
  "trigger.notion": { crm: "Notion", record: "page", shaped: (e) => isObject(e) && typeof e.type === "string" && isObject(e.entity), recordId: notionRecordId },
};

/**
 * A raw CRM event to test with must be shaped as its CRM sends it and name a record, as the run's
 * first CRM read will look for one. Otherwise — most often a normalised deal pasted as an "event"
 * — it is refused: the run would start without the deal and quietly take whatever branch an empty
 * deal leads to.
 */
function checkTestEvent(definition: Definition, event: unknown) {
  const trigger = triggerNode(definition);
  const raw = trigger ? RAW_EVENTS[trigger.type] : undefined;
  if (!raw || (raw.shaped(event) && raw.recordId(event) !== null)) return;
  const message = `This is not a ${raw.crm} webhook event naming a ${raw.record}. Paste the body exactly as ${raw.crm} sends it, or test with a deal instead.`;
  throw unprocessable(message, [{ path: "event", message }]);
}

/** Ready-made workflows, filled with this workspace's connectors, pools and templates. */
export const presetRoutes = createRouter();
presetRoutes.use("*", requireAdmin);
presetRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    responses: jsonResponses(200, z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), definition: z.any() })) })),
  }),
  async (c) => c.json({ items: buildPresets(await presetRefs(c.get("db"))) }, 200),
);

