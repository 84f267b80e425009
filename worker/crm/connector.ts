/**
 * A connector row opened for use: credentials decrypted (only ever in memory), settings read, and
 * the adapter for its CRM.
 */
import { eq } from "drizzle-orm";
import { schema, type Database } from "../db/client";
import { decryptString, encryptString } from "../lib/crypto";
import { credentialSchemas, type ConnectorKind } from "./credentials";
import { CrmError } from "./errors";
import { createHubspotAdapter } from "./hubspot";
import { createNotionAdapter } from "./notion";
import { createSalesforceAdapter } from "./salesforce";
import { readSettings, type ConnectorSettings } from "./settings";
import type { CrmAdapter } from "./types";

export type ConnectorRow = typeof schema.connectors.$inferSelect;

export interface OpenConnector {
  row: ConnectorRow;
  kind: ConnectorKind;
  credentials: Record<string, unknown>;
  /** Notion's verification token: the key its webhook signatures are made with. */
  verificationToken: string | null;
  settings: ConnectorSettings;
}

/** The AES key for connector secrets, or a clear error when the server was not given one. */
export function encryptionKey(env: { ENCRYPTION_KEY?: string }): string {
  if (!env.ENCRYPTION_KEY) throw new CrmError("config", "The server has no ENCRYPTION_KEY secret, so connector credentials cannot be stored or read.");
  return env.ENCRYPTION_KEY;
}

/** Seals a secret string (Notion's verification token) under the connector key. */
export const sealString = async (env: { ENCRYPTION_KEY?: string }, value: string) => encryptString(encryptionKey(env), value);
/** Seals credentials as one JSON string. */
export const sealJson = async (env: { ENCRYPTION_KEY?: string }, value: unknown) => sealString(env, JSON.stringify(value));

export async function loadConnector(db: Database, id: string): Promise<ConnectorRow | null> {
  return (await db.select().from(schema.connectors).where(eq(schema.connectors.id, id)).get()) ?? null;
}

/** Decrypts a connector's secrets. A key that changed since they were stored is a clear config error. */
export async function openConnector(env: { ENCRYPTION_KEY?: string }, row: ConnectorRow): Promise<OpenConnector> {
  const key = encryptionKey(env);
  let credentials: Record<string, unknown>;
  let verificationToken: string | null = null;
  try {
    credentials = JSON.parse(await decryptString(key, row.credentialsEnc));
    if (row.verificationTokenEnc) verificationToken = await decryptString(key, row.verificationTokenEnc);
  } catch {
    throw new CrmError("config", `The credentials of connector “${row.name}” cannot be decrypted with this server's ENCRYPTION_KEY; enter them again on the Connectors page.`);
  }
  return { row, kind: row.kind, credentials, verificationToken, settings: readSettings(row.settings) };
}

/** The adapter for an opened connector. Credentials that no longer satisfy the schema are a config error. */
export function adapterFor(c: OpenConnector): CrmAdapter {
  const parsed = credentialSchemas[c.kind].safeParse(c.credentials);
  if (!parsed.success) throw new CrmError("config", `Connector “${c.row.name}” is missing credentials (${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}); edit it on the Connectors page.`);
  switch (c.kind) {
    case "hubspot":
      return createHubspotAdapter(c.row.id, parsed.data as never, c.settings);
    case "salesforce":
      return createSalesforceAdapter(c.row.id, parsed.data as never, c.settings);
    case "notion":
      return createNotionAdapter(c.row.id, parsed.data as never, c.settings);
  }
}
