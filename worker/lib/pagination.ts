import { z } from "@hono/zod-openapi";
import { fromBase64Url, toBase64Url } from "./crypto";

/** `limit` (default 50, max 200) and an opaque `cursor`, shared by every list endpoint. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
  cursor: z.string().max(500).optional(),
});

export interface Cursor {
  /** The sort key of the last item (e.g. a timestamp or a name). */
  k: string | number;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(c)));
}

/** A cursor that does not decode is treated as "from the start" rather than an error. */
export function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const v = JSON.parse(new TextDecoder().decode(fromBase64Url(s)));
    if (v && (typeof v.k === "string" || typeof v.k === "number") && typeof v.id === "string") return v;
  } catch {
    /* fall through */
  }
  return null;
}

/** Builds `{items, nextCursor}` from a page fetched with limit + 1 rows. */
export function page<T extends { id: string }>(rows: T[], limit: number, key: (row: T) => string | number) {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ k: key(last), id: last.id }) : null };
}
