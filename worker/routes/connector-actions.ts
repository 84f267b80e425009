import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, gte, lt } from "drizzle-orm";
import { schema } from "../db/client";
import { AppError, notFound } from "../errors";
import { DealSchema } from "../lib/deal";
import { createRouter, IdParam, jsonResponses, listOf, noContent } from "../lib/openapi";
import { decodeCursor, page, pageQuery } from "../lib/pagination";
import { iso } from "../lib/time";
import { requireAdmin } from "../middleware/auth";
import { adapterFor, openConnector } from "../crm/connector";
import { CrmError } from "../crm/errors";
import { eventsWithRuns } from "../crm/event-log";
import { readSettings } from "../crm/settings";
import { testConnector } from "../crm/test-connection";
import { webhookUrl } from "../crm/view";
import { SamplesUsedUpError, sendTestEvent, TestEventError, type TestDelivery } from "../webhooks/test-event";
import { publicBase, requireConnector } from "./connectors";

const Outcome = z.enum(["started", "duplicate", "ignored", "rejected"]);
export const ConnectorEventSchema = z
  .object({
    id: z.string(),
    receivedAt: z.string(),
    eventKey: z.string(),
    type: z.string(),
    objectId: z.string().nullable(),
    verified: z.boolean(),
    outcome: Outcome,
    reason: z.string().nullable(),
    runIds: z.array(z.string()),
    /** The runs it started, with their workflow's name: a run id alone says nothing to an admin. */
    startedRuns: z
      .array(z.object({ id: z.string(), workflowId: z.string(), workflowName: z.string() }))
      .openapi({ description: "The runs this event started, each with its workflow, in runIds order (a run no longer indexed is left out)." }),
  })
  .openapi("ConnectorEvent");
const EventsQuery = pageQuery.extend({ outcome: Outcome.optional() });
const TestResult = z.object({ ok: z.boolean(), detail: z.string() });
const StageOption = z
  .object({ id: z.string(), label: z.string(), pipeline: z.object({ id: z.string(), label: z.string() }).optional(), won: z.boolean() })
  .openapi("StageOption");
/** A CRM record id: HubSpot's numbers, Salesforce's 15/18 characters, Notion's UUIDs (with or without dashes). */
const RecordParams = IdParam.extend({
  objectId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "A record id is letters, digits, dashes, dots, colons or underscores"),
});
/** A log row the test delivery wrote, with the runs that kept it from starting one (the record already had them). */
const SentTestEvent = ConnectorEventSchema.extend({ existingRunIds: z.array(z.string()) }).openapi("SentTestEvent");
const TestEventResult = z.object({ status: z.number(), ok: z.boolean(), detail: z.string(), events: z.array(SentTestEvent) });

const toItem = (r: Awaited<ReturnType<typeof eventsWithRuns>>[number]) => ({
  id: r.id,
  receivedAt: r.receivedAt,
  eventKey: r.eventKey,
  type: r.type,
  objectId: r.objectId,
  verified: r.verified,
  outcome: r.outcome,
  reason: r.reason,
  runIds: r.runIds ?? [],
  startedRuns: r.startedRuns,
});

/** The CRM, not the caller, failed: a gateway error with the CRM's explanation (503 when the connector itself is incomplete). */
function crmFailure(e: unknown, callerSaid?: { path: string; what: string }): unknown {
  if (!(e instanceof CrmError)) return e;
  // The CRM has no such thing, or refused the request over something the caller named: their input.
  if (callerSaid && e.kind === "not_found") return new AppError(404, "not_found", e.message);
  if (callerSaid && e.kind === "bad_request") return new AppError(422, "validation_failed", e.message, [{ path: callerSaid.path, message: `Not a ${callerSaid.what} the CRM accepts` }]);
  return new AppError(e.kind === "config" ? 503 : 502, "crm_unavailable", e.message);
}

/** A Notion database id: a UUID, with or without its dashes (as in the database's URL). */
const NotionDatabaseId = z
  .string()
  .regex(/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i, "A Notion database id: 32 hexadecimal digits, as in the database's URL");

const router = createRouter();
router.use("*", requireAdmin);

/** What an admin does with a connector: test it, read its event log, send a test event, read its stages and records, manage Notion's token. */
export const connectorActionRoutes = router
  .openapi(createRoute({ method: "post", path: "/{id}/test", request: { params: IdParam }, responses: jsonResponses(200, TestResult) }), async (c) => {
    const row = await requireConnector(c.get("db"), c.req.valid("param").id);
    const { ok, detail } = await testConnector(c.env, c.get("db"), row);
    return c.json({ ok, detail }, 200);
  })
  .openapi(
    createRoute({ method: "get", path: "/{id}/events", request: { params: IdParam, query: EventsQuery }, responses: jsonResponses(200, listOf(ConnectorEventSchema)) }),
    async (c) => {
      const db = c.get("db");
      const row = await requireConnector(db, c.req.valid("param").id);
      const { limit, cursor, outcome } = c.req.valid("query");
      const e = schema.events;
      const after = decodeCursor(cursor);
      const rows = await eventsWithRuns(db, and(eq(e.connectorId, row.id), outcome ? eq(e.outcome, outcome) : undefined, after ? lt(e.id, after.id) : undefined), limit + 1);
      const p = page(rows, limit, (r) => r.receivedAt);
      return c.json({ items: p.items.map(toItem), nextCursor: p.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/send-test-event",
      summary: "Signs a sample CRM event and delivers it to this connector's webhook, as the CRM would",
      request: { params: IdParam },
      responses: jsonResponses(200, TestEventResult),
    }),
    async (c) => {
      const db = c.get("db");
      const row = await requireConnector(db, c.req.valid("param").id);
      // A sample event on a live connector would be signed with the real secret and could start a
      // real run for a record that is not in that CRM: only demo connectors get test events.
      if (row.mode !== "demo") throw new AppError(409, "live_connector", "Test events are for demo connectors; send a real change from the CRM to test a live one.");
      let open;
      try {
        open = await openConnector(c.env, row);
      } catch (e) {
        throw new AppError(503, "connector_unavailable", e instanceof CrmError ? e.message : "The connector cannot be used.");
      }
      // Event row ids start with their arrival time, so this bound finds the rows this delivery wrote.
      const since = `evt_${Date.now().toString(36).padStart(9, "0")}`;
      let delivery: TestDelivery;
      try {
        delivery = await sendTestEvent(c.env, db, open, webhookUrl(publicBase(c), row.kind, row.id));
      } catch (e) {
        if (e instanceof TestEventError) throw new AppError(409, "not_ready", e.message);
        if (e instanceof SamplesUsedUpError) throw new AppError(409, "samples_used_up", e.message);
        throw e;
      }
      const e = schema.events;
      // The dispatcher writes each started run's index row itself (indexByCaller), so they are there to join.
      const fresh = await eventsWithRuns(db, and(eq(e.connectorId, row.id), gte(e.id, since)));
      const started = fresh.flatMap((r) => r.runIds ?? []);
      const existing = new Map(delivery.results.map((r) => [r.id, r.existingRunIds]));
      const res = delivery.response;
      const detail = !res.ok
        ? `The webhook answered ${res.status}: ${fresh[0]?.reason ?? "see the event log"}`
        : started.length
          ? `Delivered. ${started.length} run${started.length > 1 ? "s" : ""} started.`
          : `Delivered, but no run started: ${fresh[0]?.reason ?? "see the event log"}`;
      const events = fresh.map((r) => ({ ...toItem(r), existingRunIds: existing.get(r.id) ?? [] }));
      return c.json({ status: res.status, ok: res.ok, detail, events }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/stages",
      summary: "The stages (HubSpot, Salesforce) or statuses (Notion) a trigger can wait for, read from the CRM",
      request: { params: IdParam, query: z.object({ databaseId: NotionDatabaseId.optional() }) },
      responses: jsonResponses(200, z.object({ items: z.array(StageOption) })),
    }),
    async (c) => {
      const row = await requireConnector(c.get("db"), c.req.valid("param").id);
      const { databaseId } = c.req.valid("query");
      if (row.kind === "notion" && !databaseId && !readSettings(row.settings).databaseId) {
        throw new AppError(422, "validation_failed", "Say which Notion database to read the statuses of.", [{ path: "databaseId", message: "Required for a Notion connector without a default database" }]);
      }
      try {
        return c.json({ items: await adapterFor(await openConnector(c.env, row)).stages(databaseId) }, 200);
      } catch (e) {
        throw crmFailure(e, databaseId ? { path: "databaseId", what: "database" } : undefined);
      }
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/records/{objectId}",
      summary: "One record read from the CRM as the normalised deal, for the test panel's sample data",
      request: { params: RecordParams },
      responses: jsonResponses(200, z.object({ deal: DealSchema })),
    }),
    async (c) => {
      const { id, objectId } = c.req.valid("param");
      const row = await requireConnector(c.get("db"), id);
      try {
        return c.json({ deal: await adapterFor(await openConnector(c.env, row)).fetchDeal(objectId) }, 200);
      } catch (e) {
        // A record the CRM does not have is the caller's unknown id, not the CRM failing.
        throw crmFailure(e, { path: "objectId", what: "record id" });
      }
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/verification-token",
      summary: "Notion's verification token, to paste into Notion's Verify dialog (admins only)",
      request: { params: IdParam },
      responses: jsonResponses(200, z.object({ token: z.string() })),
    }),
    async (c) => {
      const row = await requireConnector(c.get("db"), c.req.valid("param").id);
      const open = await openConnector(c.env, row).catch(() => null);
      if (!open?.verificationToken) throw notFound("Verification token");
      c.header("cache-control", "no-store");
      return c.json({ token: open.verificationToken }, 200);
    },
  )
  .openapi(
    createRoute({ method: "delete", path: "/{id}/verification-token", summary: "Forget Notion's verification token so a new handshake is accepted", request: { params: IdParam }, responses: noContent }),
    async (c) => {
      const db = c.get("db");
      const row = await requireConnector(db, c.req.valid("param").id);
      await db.update(schema.connectors).set({ verificationTokenEnc: null, updatedAt: iso() }).where(eq(schema.connectors.id, row.id));
      return c.body(null, 204);
    },
  );
