import { z } from "@hono/zod-openapi";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * Text search in lists (`?q=` on runs, accounts, the queue and the outbox): the text a person
 * typed, found anywhere in a few of a row's columns, as it is — `%`, `_` and `\` are characters
 * like any other — with ASCII letters matched regardless of case (as SQLite's LIKE and lower() do;
 * other letters match exactly).
 */

/** The longest `q` a list accepts; the SPA cuts its search boxes to the same length. */
export const MAX_SEARCH = 200;

/** A list's optional `q`: trimmed, at most {@link MAX_SEARCH} characters (longer is a 422, as any invalid query). */
export const searchParam = (description: string) => z.string().trim().max(MAX_SEARCH).optional().openapi({ description });

/** `text` as a LIKE pattern that matches it anywhere, its own `%`, `_` and `\` taken literally (with `ESCAPE '\'`). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * D1 refuses a LIKE pattern longer than 50 bytes ("LIKE or GLOB pattern too complex", a 500 for
 * the whole request) — about 48 typed characters, fewer with `%`, `_`, `\` or non-ASCII letters.
 */
export const LIKE_PATTERN_MAX_BYTES = 50;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/**
 * How to tell whether a column contains `text`: LIKE with the escaped pattern while it fits D1's
 * limit, else `instr(lower(column), lower(text))`, which means the same and takes any length (and
 * costs a little more per row, so it is not the default).
 */
export function containsText(text: string): (column: SQLWrapper) => SQL {
  const pattern = containsPattern(text);
  if (utf8Length(pattern) <= LIKE_PATTERN_MAX_BYTES) return (column) => sql`${column} LIKE ${pattern} ESCAPE '\\'`;
  return (column) => sql`instr(lower(${column}), lower(${text})) > 0`;
}

/** Whether any of `columns` contains `text` (a NULL column contains nothing). */
export function anyContains(text: string, columns: SQLWrapper[]): SQL {
  const contains = containsText(text);
  return sql`(${sql.join(columns.map(contains), sql` OR `)})`;
}

/** `q` as a list's condition on `columns`, or undefined when there is nothing to look for (no `q`, or only spaces, trimmed away). */
export function searchFilter(q: string | undefined, columns: SQLWrapper[]): SQL | undefined {
  return q ? anyContains(q, columns) : undefined;
}
