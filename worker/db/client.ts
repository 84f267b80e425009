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
export { schema };
