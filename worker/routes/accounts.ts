import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { schema } from "../db/client";
import { forbidden, notFound } from "../errors";
import { createRouter, IdParam, jsonResponses, listOf } from "../lib/openapi";
import { decodeCursor, page, pageQuery } from "../lib/pagination";
import { anyContains, searchParam } from "../lib/search";
import { toRunItem } from "./runs";
import { csmInactive, INACTIVE_CSM } from "../db/queries/account-csm";

/**
 * What people decided and answered on the way to this account (the AE's handoff form, approvals,
 * a CSM chosen by hand): the CSM who takes the account over reads it here, not in someone else's queue.
 */
const Decision = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  completedAt: z.string().nullable(),
  outcome: z.object({ port: z.string(), by: z.string().nullable(), decision: z.string().nullable(), comment: z.string().nullable(), csm: z.any(), answers: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })) }),
});

function decisionsOf(rows: { id: string; kind: string; title: string; completedAt: string | null; context: Record<string, unknown> | null }[]): z.infer<typeof Decision>[] {
  return rows.flatMap((r) => {
    const outcome = r.context?.outcome as z.infer<typeof Decision>["outcome"] | undefined;
    if (!outcome || !(outcome.answers?.length || outcome.comment || outcome.decision || outcome.csm)) return [];
    return [{ id: r.id, kind: r.kind, title: r.title, completedAt: r.completedAt, outcome: { ...outcome, answers: outcome.answers ?? [] } }];
  });
}

const AccountSchema = z
  .object({
    id: z.string(),
    mode: z.enum(["live", "test"]),
    name: z.string(),
    domain: z.string().nullable(),
    arr: z.number().nullable(),
    segment: z.string().nullable(),
    region: z.string().nullable(),
    primaryContact: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
    csm: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    csmReason: z.string().nullable(),
    /** A person chose this CSM: workflows' automatic routing keeps them. */
    csmByHand: z.boolean(),
    template: z.object({ id: z.string(), name: z.string() }).nullable(),
    plan: z.array(z.any()),
    startDate: z.string().nullable(),
    source: z.object({ connector: z.string(), objectId: z.string(), url: z.string().nullable() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Account");

/** `csmId=none`: the accounts no CSM has yet (routing found nobody, or a person has still to pick one). */
const NO_CSM = "none";
const ListQuery = pageQuery.extend({
  mode: z.enum(["live", "test", "all"]).default("live"),
  csmId: z.string().max(200).optional().openapi({ description: "Only this CSM's accounts (admins); `none` for accounts without a CSM; `inactive` for accounts whose CSM was deactivated." }),
  q: searchParam("Finds accounts whose name, domain, CRM record id, or CSM's name or e-mail contains this text (within what the other filters and the caller's role allow)"),
});

/** An account matching the search `q`: by its own name, domain or CRM record id, or its CSM's name or e-mail. */
function accountSearch(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const a = schema.accounts;
  const u = schema.users;
  // The users table is the team (tens of rows): the CSMs matching the text are read once, not per account.
  return or(anyContains(q, [a.name, a.domain, a.sourceObjectId]), inArray(a.csmId, sql`(SELECT ${u.id} FROM ${u} WHERE ${anyContains(q, [u.name, u.email])})`));
}

type Row = typeof schema.accounts.$inferSelect;
function view(a: Row, users: Map<string, { id: string; name: string; email: string }>): z.infer<typeof AccountSchema> {
  const snap = a.templateSnapshot as { id?: string; name?: string } | null;
  return {
    id: a.id,
    mode: a.mode,
    name: a.name,
    domain: a.domain,
    arr: a.arr,
    segment: a.segment,
    region: a.region,
    primaryContact: a.primaryContact ?? null,
    csm: a.csmId ? (users.get(a.csmId) ?? null) : null,
    csmReason: a.csmReason,
    csmByHand: a.csmByHand,
    template: snap?.id ? { id: snap.id, name: snap.name ?? "" } : null,
    plan: a.plan ?? [],
    startDate: a.startDate,
    source: { connector: a.sourceConnector, objectId: a.sourceObjectId, url: a.sourceUrl },
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** Accounts: admins see all; a CSM sees the accounts they own. */
export const accountRoutes = createRouter()
  .openapi(createRoute({ method: "get", path: "/", request: { query: ListQuery }, responses: jsonResponses(200, listOf(AccountSchema)) }), async (c) => {
    const q = c.req.valid("query");
    const me = c.get("user");
    const db = c.get("db");
    const a = schema.accounts;
    const after = decodeCursor(q.cursor);
    const rows = await db
      .select()
      .from(a)
      .where(
        and(
          q.mode === "all" ? undefined : eq(a.mode, q.mode),
          me.role === "csm" ? eq(a.csmId, me.id) : q.csmId === NO_CSM ? isNull(a.csmId) : q.csmId === INACTIVE_CSM ? csmInactive() : q.csmId ? eq(a.csmId, q.csmId) : undefined,
          accountSearch(q.q),
          after ? or(lt(a.createdAt, String(after.k)), and(eq(a.createdAt, String(after.k)), lt(a.id, after.id))) : undefined,
        ),
      )
      .orderBy(desc(a.createdAt), desc(a.id))
      .limit(q.limit + 1);
    const p = page(rows, q.limit, (r) => r.createdAt);
    const users = await usersById(db, p.items.map((r) => r.csmId).filter((x): x is string => !!x));
    return c.json({ items: p.items.map((r) => view(r, users)), nextCursor: p.nextCursor }, 200);
  })
  .openapi(
    createRoute({ method: "get", path: "/{id}", request: { params: IdParam }, responses: jsonResponses(200, AccountSchema.extend({ runs: z.array(z.any()), decisions: z.array(Decision) })) }),
    async (c) => {
      const db = c.get("db");
      const row = await db.select().from(schema.accounts).where(eq(schema.accounts.id, c.req.valid("param").id)).get();
      if (!row) throw notFound("Account");
      const me = c.get("user");
      if (me.role !== "admin" && row.csmId !== me.id) throw forbidden("This account belongs to another CSM.");
      const links = await db.select().from(schema.accountRuns).where(eq(schema.accountRuns.accountId, row.id));
      const runIds = links.map((l) => l.runId);
      const q = schema.queueItems;
      const [runs, done] = runIds.length
        ? await db.batch([
            db.select().from(schema.runs).where(inArray(schema.runs.id, runIds)).orderBy(desc(schema.runs.startedAt)),
            db.select({ id: q.id, kind: q.kind, title: q.title, completedAt: q.completedAt, context: q.context }).from(q).where(and(inArray(q.runId, runIds), eq(q.status, "completed"))).orderBy(q.completedAt),
          ])
        : [[], []];
      const users = await usersById(db, row.csmId ? [row.csmId] : []);
      return c.json({ ...view(row, users), runs: runs.map(toRunItem), decisions: decisionsOf(done) }, 200);
    },
  );

async function usersById(db: any, ids: string[]) {
  if (!ids.length) return new Map();
  const rows: { id: string; name: string; email: string }[] = await db
    .select({ id: schema.users.id, name: schema.users.name, email: schema.users.email })
    .from(schema.users)
    .where(inArray(schema.users.id, [...new Set(ids)]));
  return new Map(rows.map((u) => [u.id, u]));
}
