/** One row of the D1 `settings` table (a key and its JSON value), written whole. */
import { schema, createDb } from "../client";

export async function saveSetting(d1: D1Database, key: string, value: unknown, now: string): Promise<void> {
  await createDb(d1).insert(schema.settings).values({ key, value, updatedAt: now }).onConflictDoUpdate({ target: schema.settings.key, set: { value, updatedAt: now } });
}
