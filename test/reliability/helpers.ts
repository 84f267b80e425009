import { readFileSync } from "node:fs";
import { expect, inject } from "vitest";
// @ts-expect-error plain ESM helpers shared with the benchmark
import { client, listAll, pool, rng, signIn, sleep, until } from "../../bench/lib/http.mjs";
// @ts-expect-error plain ESM helpers shared with the benchmark
import { closedWonBody, createFakeDeals, deliver, signedHeaders, DEMO_HUBSPOT_SECRET, DEMO_HUBSPOT_TOKEN } from "../../bench/lib/hubspot.mjs";

export { client, listAll, pool, rng, signIn, sleep, until, closedWonBody, createFakeDeals, deliver, signedHeaders, DEMO_HUBSPOT_SECRET, DEMO_HUBSPOT_TOKEN };

/** `npm run test:reliability` sets RELIABILITY_FULL=1: the long variants of issue 8; `npm test` runs short ones. */
export const FULL = process.env.RELIABILITY_FULL === "1";
export const size = (quick: number, full: number) => (FULL ? full : quick);

export interface Shared {
  url: string;
  seeded: { users: Record<string, string>; pools: Record<string, string>; templates: Record<string, string>; workflows: Record<string, string>; webhookSecrets: { kind: string; url: string; secret: string }[] };
  fakeCrms: { hubspot: string; salesforce: string; notion: string };
  hubspotWebhookUrl: string;
  logFile: string;
  secrets: Record<string, string>;
}

export const shared = (): Shared => JSON.parse(inject("rel"));

/** Values that must never leave the server: the key, tokens and credentials the product holds. */
export function secretValues(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DEMO_HUBSPOT_ACCESS_TOKEN: "pat-demo-0000-hubspot-token",
    DEMO_HUBSPOT_CLIENT_SECRET: DEMO_HUBSPOT_SECRET,
    DEMO_SALESFORCE_ACCESS_TOKEN: "demo-salesforce-access-token",
    DEMO_NOTION_TOKEN: "secret_demoNotionIntegrationToken",
    DEMO_NOTION_VERIFICATION_TOKEN: "secret_demoNotionVerificationToken0000000000000",
    PASSWORD_HASH_PREFIX: "pbkdf2-sha256$",
    ...extra,
  };
}

/** The names of the secrets found in `text` (empty when none). */
export function leakedSecrets(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, v]) => v && text.includes(v))
    .map(([k]) => k);
}

export function logOf(file: string) {
  return readFileSync(file, "utf8");
}

/** The API.md error shape: `{error: {code, message, details: []}}`. */
export function isErrorShape(json: unknown): boolean {
  const e = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  return !!e && typeof e.code === "string" && /^[a-z0-9_]+$/.test(e.code) && typeof e.message === "string" && e.message.length > 0 && Array.isArray(e.details);
}

export function expectErrorShape(json: unknown, where = "") {
  expect(isErrorShape(json), `${where} error shape: ${JSON.stringify(json)?.slice(0, 300)}`).toBe(true);
}

export interface Client {
  base: string;
  cookie: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; ms: number; headers: Headers }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; ms: number; headers: Headers }>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; ms: number; headers: Headers }>;
  put(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; ms: number; headers: Headers }>;
  must(method: string, path: string, body?: unknown, status?: number): Promise<any>;
}

export const asAdmin = (url: string): Promise<Client> => signIn(url, "admin@example.com");
export const asCsm = (url: string, n = 2): Promise<Client> => signIn(url, `csm${n}@example.com`);

/** A node of a definition, positioned in a row. */
export const node = (id: string, type: string, config: Record<string, unknown> = {}, x = 0, name?: string) => ({ id, type, name: name ?? id, position: { x: x * 240, y: 0 }, config });
export const edge = (source: string, target: string, sourcePort?: string) => ({ id: `${source}-${sourcePort ?? "out"}-${target}`, source, target, ...(sourcePort ? { sourcePort } : {}) });

/** Creates a workflow from a definition (a draft; test runs run drafts) and checks it validates. */
export async function createWorkflow(admin: Client, name: string, definition: unknown): Promise<string> {
  const wf = await admin.must("POST", "/api/workflows", { name, definition }, 201);
  const id = wf.id ?? wf.workflow?.id;
  const v = await admin.must("GET", `/api/workflows/${id}/validate`);
  if (!v.valid) throw new Error(`${name} does not validate: ${JSON.stringify(v.errors)}`);
  return id;
}

export async function hubspotConnectorId(admin: Client): Promise<string> {
  const list = await admin.must("GET", "/api/connectors");
  return list.items.find((c: { kind: string }) => c.kind === "hubspot").id;
}

export const sampleDeal = (i: number | string, over: Record<string, unknown> = {}) => ({
  source: "hubspot",
  objectId: String(i),
  name: `Reliability Co ${i} - Growth`,
  amount: 48000,
  arr: 48000,
  currency: "USD",
  stage: "closedwon",
  company: { name: `Reliability Co ${i}`, domain: `rel-${i}.example.com`, industry: "Software", employees: 240, country: "US", region: "NA-West" },
  primaryContact: { name: `Contact ${i}`, email: `contact-${i}@rel-${i}.example.com` },
  owner: { name: "Jordan Reyes", email: "jordan.reyes@example.com" },
  ...over,
});
