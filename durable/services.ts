import { and, eq, sql } from "drizzle-orm";
import { createDb, hot, schema } from "../worker/db/client";
import { newId } from "../worker/lib/crypto";
import { iso } from "../worker/lib/time";
import { isOutOfOffice } from "../worker/lib/out-of-office";
import { NodeError, type NodeServices, type RunMode } from "./types";
import type { RunEnv } from "./env";
import type { OpenConnector } from "../worker/crm/connector";
import { createCrmService } from "./services/crm";
import { createAiService } from "./services/ai";
import { createEmailService } from "./services/email";
import { accountWrites, type AccountCsm, type AccountPlan } from "./services/account-writes";
import { poolRows, poolStatements, templateStatement, type ReadAhead } from "./services/read-ahead";
import { holidaysFrom, holidaysStatement } from "./holidays";

export interface ServiceScope {
  runId: string;
  workflowId: string;
  nodeId: string;
  mode: RunMode;
  attempt: number;
  now: number;
  /** The run's own storage for values a retried step must see again (e.g. the pointer it read). */
  memo?: { get<T>(key: string): T | null; put(key: string, value: unknown): void };
  /**
   * The run's outbox, for D1 writes that may trail the step by a moment: they go out with the
   * run's index row in one batch when it settles (durable/mirror.ts).
   */
  later: (key: string, kind: string, payload: unknown) => void;
  /** A connector the run was handed at its start, if it matches `id` and was not used yet. */
  takeConnector?: (id: string) => OpenConnector | null;
  /** The pools, templates and holidays this stretch of steps reads, fetched with its first D1 batch. */
  reads?: ReadAhead;
}

const ph = (name: string) => sql.placeholder(name);
const a = schema.accounts;

/** An account by its source record: inserted, or brought up to date (the values that lost become `excluded`). */
const UPSERT_ACCOUNT = hot((db) =>
  db
    .insert(a)
    .values({
      id: ph("id"),
      mode: ph("mode"),
      name: ph("name"),
      domain: ph("domain"),
      arr: ph("arr"),
      segment: ph("segment"),
      region: ph("region"),
      primaryContact: ph("primaryContact"),
      sourceConnector: ph("connector"),
      sourceObjectId: ph("objectId"),
      sourceUrl: ph("url"),
      createdAt: ph("now"),
      updatedAt: ph("now"),
    })
    .onConflictDoUpdate({
      target: [a.mode, a.sourceConnector, a.sourceObjectId],
      set: {
        name: sql`excluded.name`,
        domain: sql`excluded.domain`,
        arr: sql`excluded.arr`,
        segment: sql`excluded.segment`,
        region: sql`excluded.region`,
        primaryContact: sql`excluded.primary_contact`,
        sourceUrl: sql`excluded.source_url`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning(),
);
/**
 * The run's link to that account, in the same D1 batch, found by the upsert's own conflict target:
 * the one account of this source record, whether just inserted or updated.
 */
const LINK_RUN = hot((db) =>
  db
    .insert(schema.accountRuns)
    .select(
      db
        .select({ accountId: a.id, runId: sql<string>`${ph("runId")}`.as("run_id"), createdAt: sql<string>`${ph("now")}`.as("created_at") })
        .from(a)
        .where(and(eq(a.mode, ph("mode")), eq(a.sourceConnector, ph("connector")), eq(a.sourceObjectId, ph("objectId")))),
    )
    .onConflictDoNothing(),
);
/** The round-robin pointer, written only over the value the step chose from. */
const SET_POINTER = hot((db) =>
  db
    .update(schema.pools)
    .set({ rrPointer: sql`${ph("to")}` })
    .where(and(eq(schema.pools.id, ph("poolId")), eq(schema.pools.rrPointer, ph("from")))),
);

/**
 * The side effects nodes may perform, over D1 and the outside providers. Each is idempotent for
 * (runId, nodeId): accounts upsert by source record, e-mails by idempotency key, and test runs
 * leave shared state (round-robin pointers, live accounts, CRM records) untouched.
 */
export function createServices(env: RunEnv, scope: ServiceScope): NodeServices {
  const db = createDb(env.DB);
  const test = scope.mode === "test";
  const idempotencyKey = `${scope.runId}:${scope.nodeId}`;
  /** Round-robin pointers seen by this step's pool reads. */
  const pointerRead = new Map<string, number>();
  const pointerKey = (poolId: string) => `pointer:${scope.nodeId}:${poolId}`;
  /** A batch the step makes anyway, carrying the stretch's read-ahead if it has not gone out yet. */
  const batch = async (statements: D1PreparedStatement[]) => {
    const ride = scope.reads?.ride();
    if (!ride) return env.DB.batch(statements);
    const results = await env.DB.batch([...statements, ...ride.statements]);
    ride.absorb(results.slice(statements.length));
    return results.slice(0, statements.length);
  };
  return {
    ...scope,
    idempotencyKey,
    crm: createCrmService(env, scope),
    ai: createAiService(env, scope),
    email: createEmailService(env, { ...scope, idempotencyKey }),
    accounts: {
      async upsert(input) {
        const now = iso(scope.now);
        const values = {
          id: newId("acc_"),
          mode: scope.mode,
          name: input.name,
          domain: input.domain?.toLowerCase() ?? null,
          arr: input.arr ?? null,
          segment: input.segment ?? null,
          region: input.region ?? null,
          primaryContact: input.primaryContact,
          connector: input.source.connector,
          objectId: input.source.objectId,
          url: input.source.url ?? null,
          runId: scope.runId,
          now,
        };
        const [upserted] = await batch([UPSERT_ACCOUNT.statement(env.DB, values), LINK_RUN.statement(env.DB, values)]);
        const [row] = UPSERT_ACCOUNT.rows(upserted!);
        return { ...row!, source: { connector: row!.sourceConnector, objectId: row!.sourceObjectId, url: row!.sourceUrl }, test };
      },
      async setCsm(accountId, userId, reason, { byHand = false } = {}) {
        const p: AccountCsm = { accountId, csmId: userId, reason, at: iso(scope.now), byHand };
        scope.later(accountWrites.csm.key(p), "account_csm", p);
      },
      async csmForDomain(domain) {
        const row = await db
          .select({ csmId: schema.accounts.csmId })
          .from(schema.accounts)
          .where(and(eq(schema.accounts.domain, domain.toLowerCase()), eq(schema.accounts.mode, "live"), sql`${schema.accounts.csmId} IS NOT NULL`))
          .get();
        return row?.csmId ?? null;
      },
      async applyTemplate(accountId, template, plan, startDate) {
        const p: AccountPlan = { accountId, templateId: template.id, template: template as unknown as Record<string, unknown>, plan: plan as unknown[], startDate, at: iso(scope.now) };
        scope.later(accountWrites.plan.key(p), "account_plan", p);
      },
    },
    pools: {
      async get(poolId) {
        // The pool, its members and their loads: read ahead, or in one D1 batch of their own.
        const { pool, members, loads } = (await scope.reads?.pool(poolId)) ?? poolRows(await batch(poolStatements(env.DB, poolId)));
        if (!pool) return null;
        pointerRead.set(poolId, pool.rrPointer);
        const load = new Map(loads.map((l) => [l.csmId, Number(l.n)]));
        return {
          id: pool.id,
          name: pool.name,
          members: members.map((r) => ({
            userId: r.u.id,
            name: r.u.name,
            email: r.u.email,
            weight: r.m.weight,
            capacity: r.m.capacity,
            outOfOffice: isOutOfOffice(r.u, scope.now),
            active: r.u.active,
            activeAccounts: load.get(r.u.id) ?? 0,
          })),
        };
      },
      async getPointer(poolId) {
        // A retry of the same step starts from the pointer the first attempt read, so it picks the
        // same CSM even if the first attempt already advanced the pool before failing.
        const seen = scope.memo?.get<number>(pointerKey(poolId));
        if (seen != null) return seen;
        // The pool read of this step already saw the pointer; read it only if it did not.
        const p = pointerRead.get(poolId) ?? (await db.select({ p: schema.pools.rrPointer }).from(schema.pools).where(eq(schema.pools.id, poolId)).get())?.p ?? 0;
        scope.memo?.put(pointerKey(poolId), p);
        return p;
      },
      async setPointer(poolId, from, to) {
        if (test) return true; // test runs leave round-robin state untouched
        // This step's earlier attempt already moved it (it failed after): the same move stands.
        const moved = `pointer-moved:${scope.nodeId}:${poolId}`;
        if (scope.memo?.get<string>(moved) === `${from}>${to}`) return true;
        const { meta } = await SET_POINTER.statement(env.DB, { poolId, from, to }).run();
        if (!meta.changes) {
          // Another run assigned from this pool since it was read: the step reads it again.
          scope.memo?.put(pointerKey(poolId), null);
          pointerRead.delete(poolId);
          scope.reads?.forgetPool(poolId);
          return false;
        }
        scope.memo?.put(moved, `${from}>${to}`);
        scope.reads?.movePointer(poolId, to);
        return true;
      },
    },
    templates: {
      async get(id) {
        let t = await scope.reads?.template(id);
        if (t === undefined) {
          const q = templateStatement(env.DB, id);
          [t] = q.rows((await batch([q.statement]))[0]!);
        }
        return t ? { id: t.id, name: t.name, description: t.description, milestones: t.milestones } : null;
      },
    },
    calendar: {
      async holidays() {
        return new Set((await scope.reads?.holidays()) ?? holidaysFrom((await batch([holidaysStatement(env.DB)]))[0]!));
      },
    },
    users: {
      async get(id) {
        const u = await db.select().from(schema.users).where(eq(schema.users.id, id)).get();
        return u ? { id: u.id, name: u.name, email: u.email, active: u.active } : null;
      },
    },
  };
}

export { NodeError };
