/**
 * Read-ahead for a stretch of automatic steps. The pools of the `action.assign_csm` steps and the
 * templates (and the workspace's holidays) of the `action.apply_template` steps that the stretch can reach are fetched with its
 * first D1 batch (a step's write such as the account upsert, or the first of these reads) instead
 * of in one round trip per step. A 12-node onboarding run makes three round trips instead of five.
 *
 * A read-ahead lives for one stretch (one `process` of the run object): steps that run later, after
 * a person's answer, a delay or a retry's back-off, read afresh. What it serves is as old as the
 * stretch, a matter of milliseconds or a CRM call. The one value that must not be stale is the
 * round-robin pointer: it is written back only if unchanged (see `pools.setPointer`), and a step
 * that loses that race chooses again from a fresh read.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { batched, createDb, hot, schema } from "../../worker/db/client";
import type { Definition } from "../graph";
import { holidaysFrom, holidaysStatement } from "../holidays";

const ph = (name: string) => sql.placeholder(name);
const a = schema.accounts;
const pm = schema.poolMembers;

const POOL = hot((db) => db.select().from(schema.pools).where(eq(schema.pools.id, ph("poolId"))));
const POOL_MEMBERS = hot((db) =>
  db.select({ m: pm, u: schema.users }).from(pm).innerJoin(schema.users, eq(schema.users.id, pm.userId)).where(eq(pm.poolId, ph("poolId"))).orderBy(schema.users.name, schema.users.id),
);
/** Load = live accounts owned; test accounts never count against capacity. */
const POOL_LOADS = hot((db) =>
  db
    .select({ csmId: a.csmId, n: sql<number>`count(*)` })
    .from(a)
    .where(and(sql`${a.csmId} IN (SELECT ${pm.userId} FROM ${pm} WHERE ${pm.poolId} = ${ph("poolId")})`, eq(a.mode, "live")))
    .groupBy(a.csmId),
);

const templatesById = (d1: D1Database, ids: string[]) => batched(d1, createDb(d1).select().from(schema.templates).where(inArray(schema.templates.id, ids)));

export type TemplateRow = typeof schema.templates.$inferSelect;

/** A pool as D1 holds it: its row (undefined when there is no such pool), members and loads. */
export interface PoolRows {
  pool: typeof schema.pools.$inferSelect | undefined;
  members: ReturnType<typeof POOL_MEMBERS.rows>;
  loads: ReturnType<typeof POOL_LOADS.rows>;
}

/** The three statements that read a pool (row, members, loads), for one batch. */
export const poolStatements = (d1: D1Database, poolId: string) => [POOL.statement(d1, { poolId }), POOL_MEMBERS.statement(d1, { poolId }), POOL_LOADS.statement(d1, { poolId })];

/** The answers of `poolStatements`, in order. */
export const poolRows = ([p, m, l]: D1Result[]): PoolRows => ({ pool: POOL.rows(p!)[0], members: POOL_MEMBERS.rows(m!), loads: POOL_LOADS.rows(l!) });

/** The template, if it exists, for a single read. */
export const templateStatement = (d1: D1Database, id: string) => templatesById(d1, [id]);

/** A stretch fetches at most this many pools and templates ahead; any others are read when needed. */
const MAX_POOLS = 3;
const MAX_TEMPLATES = 10;

/** Steps a stretch never runs past: they wait for a person or for time. */
const waits = (type: string) => type.startsWith("human.") || type === "logic.delay";

const str = (v: unknown): string[] => (typeof v === "string" && v ? [v] : []);

/** What a stretch reads ahead. */
export interface Wanted {
  pools: string[];
  templates: string[];
  /** The workspace's holidays (an `action.apply_template` step dates a plan). */
  holidays?: boolean;
}

/**
 * The pools and templates named by the steps reachable from `fromNodeId` (itself included) along
 * any port, without passing a step that waits, and whether one of them dates a plan (holidays).
 * Ids only: configs are checked by the nodes.
 */
export function readsAhead(def: Definition, fromNodeId: string): Wanted {
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  // Each step's successors, found once: scanning every edge for each step is O(nodes × edges).
  const next = new Map<string, string[]>();
  for (const e of def.edges) {
    const targets = next.get(e.source);
    if (targets) targets.push(e.target);
    else next.set(e.source, [e.target]);
  }
  const pools = new Set<string>();
  const templates = new Set<string>();
  const seen = new Set<string>();
  const queue = [fromNodeId];
  while (queue.length) {
    const id = queue.shift()!;
    const node = byId.get(id);
    if (!node || seen.has(id)) continue;
    seen.add(id);
    if (id !== fromNodeId && waits(node.type)) continue;
    const cfg = (node.config ?? {}) as Record<string, unknown>;
    if (node.type === "action.assign_csm") for (const p of str(cfg.poolId)) pools.add(p);
    if (node.type === "action.apply_template") {
      const rules = Array.isArray(cfg.rules) ? cfg.rules.flatMap((r) => str((r as { templateId?: unknown } | null)?.templateId)) : [];
      for (const t of [...str(cfg.templateId), ...rules, ...str(cfg.defaultTemplateId)]) templates.add(t);
    }
    queue.push(...(next.get(id) ?? []));
  }
  return { pools: [...pools].slice(0, MAX_POOLS), templates: [...templates].slice(0, MAX_TEMPLATES), holidays: templates.size > 0 };
}

export class ReadAhead {
  private pools = new Map<string, PoolRows>();
  private templates = new Map<string, TemplateRow | null>();
  private days: string[] | undefined;
  private wanted: Wanted | null;

  constructor(
    private d1: D1Database,
    wanted: Wanted,
  ) {
    this.wanted = wanted.pools.length || wanted.templates.length || wanted.holidays ? wanted : null;
  }

  /**
   * What is still to fetch, as statements to add to a batch the caller makes anyway, and how to
   * take their answers (the results after the caller's own, in order). Null once fetched: each
   * read-ahead goes out once, even if the batch it rode in failed (the steps then read for themselves).
   */
  ride(): { statements: D1PreparedStatement[]; absorb(results: D1Result[]): void } | null {
    const w = this.wanted;
    if (!w) return null;
    this.wanted = null;
    const t = w.templates.length ? templatesById(this.d1, w.templates) : null;
    const statements = [...w.pools.flatMap((id) => poolStatements(this.d1, id)), ...(t ? [t.statement] : []), ...(w.holidays ? [holidaysStatement(this.d1)] : [])];
    return {
      statements,
      absorb: (results) => {
        w.pools.forEach((id, i) => this.pools.set(id, poolRows(results.slice(i * 3, i * 3 + 3))));
        let next = w.pools.length * 3;
        if (t) {
          const rows = t.rows(results[next++]!);
          for (const id of w.templates) this.templates.set(id, rows.find((r) => r.id === id) ?? null);
        }
        if (w.holidays) this.days = holidaysFrom(results[next]!);
      },
    };
  }

  /** Fetches what is still to fetch on its own, when a step needs one of those reads first. */
  private async fetch(): Promise<void> {
    const r = this.ride();
    if (r) r.absorb(await this.d1.batch(r.statements));
  }

  /** The pool read ahead (fetching the read-ahead now if it is still due), or undefined if it is not one of them. */
  async pool(id: string): Promise<PoolRows | undefined> {
    if (this.wanted?.pools.includes(id)) await this.fetch();
    return this.pools.get(id);
  }

  /** The template read ahead (null: it does not exist), or undefined if it is not one of them. */
  async template(id: string): Promise<TemplateRow | null | undefined> {
    if (this.wanted?.templates.includes(id)) await this.fetch();
    return this.templates.get(id);
  }

  /** The workspace's holidays if read ahead, else undefined. */
  async holidays(): Promise<string[] | undefined> {
    if (this.wanted?.holidays) await this.fetch();
    return this.days;
  }

  /** A step of this stretch moved the pool's pointer: later steps see the new one. */
  movePointer(id: string, to: number) {
    const rows = this.pools.get(id);
    if (rows?.pool) this.pools.set(id, { ...rows, pool: { ...rows.pool, rrPointer: to } });
  }

  /** Another run moved the pool on: the next read of it goes to D1. */
  forgetPool(id: string) {
    this.pools.delete(id);
  }
}
