import { fillPlaceholders, type Query } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

function build(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Database = ReturnType<typeof build>;

/**
 * One drizzle handle per D1 binding, reused: building it walks the whole schema for the relational
 * config, which the bench profile showed among the top costs when done per request and per step.
 * The handle holds nothing request-scoped, only the binding.
 */
const handles = new WeakMap<D1Database, Database>();

/** A drizzle handle over D1 with the full schema, for typed queries. */
export function createDb(d1: D1Database): Database {
  let db = handles.get(d1);
  if (!db) {
    db = build(d1);
    handles.set(d1, db);
  }
  return db;
}
/**
 * A drizzle query as a plain D1 statement, for batches that mix it with hand-written SQL (the run
 * mirror's upserts); `db.batch` only takes drizzle queries.
 */
export function prepared(d1: D1Database, q: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = q.toSQL();
  return d1.prepare(sql).bind(...params);
}

interface Prepared {
  getQuery(): Query;
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
}

/**
 * A hot query, turned into SQL once per isolate. Drizzle builds a query's SQL each time it runs,
 * and the bench profile showed that building to be the largest share of a short request's own CPU
 * (the session check's five queries took ~4 ms of it). Written with `sql.placeholder`s, a hot
 * query is built on first use and afterwards only bound: `statement` gives the D1 statement (for
 * `d1.batch` or on its own), `rows` maps its answer exactly as drizzle would.
 */
export function hot<Q extends { prepare(): Prepared; all(): Promise<unknown> }>(build: (db: Database) => Q) {
  let made: { sql: string; params: unknown[]; prepared: Prepared } | null = null;
  return {
    statement(d1: D1Database, values: Record<string, unknown> = {}): D1PreparedStatement {
      if (!made) {
        const p = build(createDb(d1)).prepare();
        const { sql, params } = p.getQuery();
        made = { sql, params, prepared: p };
      }
      return d1.prepare(made.sql).bind(...fillPlaceholders(made.params, values));
    },
    /** The rows of this query's result (from `d1.batch`, or a statement's `all()`). */
    rows(result: D1Result): Awaited<ReturnType<Q["all"]>> {
      return made!.prepared.mapResult(result, true) as Awaited<ReturnType<Q["all"]>>;
    },
  };
}

export { schema };
