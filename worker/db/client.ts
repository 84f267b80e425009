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
interface Preparable {
  prepare(): { getQuery(): Query; mapResult(response: unknown, isFromBatch?: boolean): unknown };
  all(): Promise<unknown>;
}
type RowsOf<Q extends Preparable> = Awaited<ReturnType<Q["all"]>>;

/** A drizzle query's SQL and parameters, and drizzle's own mapping of a D1 answer to its rows. */
function compile<Q extends Preparable>(q: Q) {
  const p = q.prepare();
  const { sql, params } = p.getQuery();
  return { sql, params, rows: (result: D1Result) => p.mapResult(result, true) as RowsOf<Q> };
}

/**
 * A drizzle query as a plain D1 statement, for a `d1.batch` that mixes it with hand-written SQL or
 * with hot queries (`db.batch` only takes drizzle queries); `rows` maps its answer.
 */
export function batched<Q extends Preparable>(d1: D1Database, q: Q) {
  const c = compile(q);
  return { statement: d1.prepare(c.sql).bind(...c.params), rows: c.rows };
}

/**
 * A hot query, turned into SQL once per isolate. Drizzle builds a query's SQL each time it runs,
 * and the bench profile showed that building to be the largest share of a short request's own CPU
 * (the session check's five queries took ~4 ms of it). Written with `sql.placeholder`s, a hot
 * query is built on first use and afterwards only bound: `statement` gives the D1 statement (for
 * `d1.batch` or on its own), `rows` maps its answer exactly as drizzle would.
 */
export function hot<Q extends Preparable>(build: (db: Database) => Q) {
  let made: ReturnType<typeof compile<Q>> | null = null;
  return {
    statement(d1: D1Database, values: Record<string, unknown> = {}): D1PreparedStatement {
      made ??= compile(build(createDb(d1)));
      return d1.prepare(made.sql).bind(...fillPlaceholders(made.params, values));
    },
    /** The rows of this query's result (from `d1.batch`, or a statement's `all()`). */
    rows: (result: D1Result): RowsOf<Q> => made!.rows(result),
  };
}

export { schema };
