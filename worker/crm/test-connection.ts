import { eq } from "drizzle-orm";
import { schema, type Database } from "../db/client";
import { iso } from "../lib/time";
import { adapterFor, openConnector, type ConnectorRow } from "./connector";
import { CrmError } from "./errors";
import { readSettings } from "./settings";
import type { TestResult } from "./types";

/**
 * "Test connection": one real, read-only call to the CRM. The connector's status follows the answer
 * (connected / error with the reason), and facts learned on the way (HubSpot's portal id) are kept.
 */
export async function testConnector(env: { ENCRYPTION_KEY?: string }, db: Database, row: ConnectorRow): Promise<TestResult> {
  let result: TestResult;
  try {
    result = await adapterFor(await openConnector(env, row)).test();
  } catch (e) {
    result = { ok: false, detail: e instanceof CrmError ? e.message : `Unexpected problem: ${(e as Error)?.message}` };
  }
  const settings = result.learned ? { ...readSettings(row.settings), ...result.learned } : row.settings;
  await db
    .update(schema.connectors)
    .set({ status: result.ok ? "connected" : "error", lastError: result.ok ? null : result.detail, settings, updatedAt: iso() })
    .where(eq(schema.connectors.id, row.id));
  return result;
}
