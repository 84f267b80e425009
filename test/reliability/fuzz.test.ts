import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
// @ts-expect-error plain ESM helper shared with the benchmark
import { startProduct } from "../../bench/lib/servers.mjs";
import { asAdmin, asCsm, isErrorShape, leakedSecrets, pool, rng, secretValues, signedHeaders, size, type Client } from "./helpers";
import { fill, operations, type Operation } from "./openapi";

/**
 * Fuzz: seeded random bodies, headers, query strings and ids against every endpoint of the
 * OpenAPI document, the webhooks (sometimes correctly signed, so parsing is reached) and the
 * external form — as anonymous, CSM and admin. No answer may be a 5xx; every JSON error must have
 * the API.md shape; no answer may carry a secret. Runs on its own server: the admin's requests
 * change and delete things. Strings never contain a URL scheme, so nothing it configures can make
 * the server call anywhere but the local fakes.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 8008);
const TOTAL = size(1000, 10_000);

describe("fuzz", () => {
  let product: any;
  let admin: Client;
  let csm: Client;
  let ops: Operation[] = [];
  let doc: any;
  const known: Record<string, string[]> = {};
  let secrets: Record<string, string> = {};
  let connectors: { id: string; kind: string }[] = [];

  beforeAll(async () => {
    product = await startProduct({ logLevel: "info" });
    secrets = secretValues(product.secrets);
    admin = await asAdmin(product.url);
    csm = await asCsm(product.url, 2);
    ops = await operations(admin);
    doc = await admin.must("GET", "/api/openapi.json");
    const ids = async (path: string) => ((await admin.must("GET", path)).items ?? []).map((x: { id: string }) => x.id);
    // The fuzzing identities are left alone (deactivating them would end the deep part of the fuzz).
    const mine = [(await admin.must("GET", "/api/me")).id, (await csm.must("GET", "/api/me")).id];
    known.users = (await ids("/api/users")).filter((id: string) => !mine.includes(id));
    known.pools = await ids("/api/pools");
    known.workflows = await ids("/api/workflows");
    known.templates = await ids("/api/templates");
    known.runs = await ids("/api/runs");
    known.queue = await ids("/api/queue?status=active");
    known.accounts = await ids("/api/accounts");
    connectors = (await admin.must("GET", "/api/connectors")).items;
    known.connectors = connectors.map((c) => c.id);
  }, 300_000);

  afterAll(async () => {
    await product?.stop();
  });

  it(`${TOTAL} random requests → no 5xx, errors in the API.md shape, no secret in any answer or log line`, { timeout: size(600_000, 2_400_000) }, async () => {
    const r = rng(SEED);
    const STRINGS = ["", " ", "a", "null", "0", "-1", "1e309", "NaN", "true", "💥🚀", "\u0000", "\ud800", "../../etc/passwd", "%00", "%", "%ZZ", "'; DROP TABLE users; --", "<script>alert(1)</script>", "{{deal.company.name}}", "{{#steps}}{{/steps}}", "__proto__", "constructor", "x".repeat(300), "ü".repeat(2000), "2026-02-30T25:61:00Z", "9999-12-31T23:59:59.999Z", "admin@example.com", "closedwon", "open", "claimed", "live", "test", "draft", "active", "approve", "hubspot", "salesforce", "notion"];
    const noScheme = (s: string) => s.replace(/:\/\//g, ":/").replace(/https?/gi, "h");
    const randString = (): string => {
      const k = r();
      if (k < 0.5) return r.pick(STRINGS);
      if (k < 0.7) return r.pick(Object.values(known).flat()) ?? "x";
      const n = r.int(k < 0.95 ? 40 : 5000);
      let s = "";
      for (let i = 0; i < n; i++) s += String.fromCharCode(r() < 0.9 ? 32 + r.int(95) : r.int(0xffff));
      return noScheme(s);
    };
    const randNumber = () => r.pick([0, -1, 1, 2 ** 31, -(2 ** 53), 2 ** 53 + 1, 0.5, 1e308, -1e-308, 200, 201, 50, r.int(1000)]);
    const randValue = (depth = 0): unknown => {
      const k = r.int(depth > 3 ? 4 : 7);
      if (k === 0) return randString();
      if (k === 1) return randNumber();
      if (k === 2) return r() < 0.5;
      if (k === 3) return null;
      if (k === 4) return Array.from({ length: r.int(4) }, () => randValue(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) o[r() < 0.2 ? r.pick(["__proto__", "constructor", "prototype"]) : randString().slice(0, 30)] = randValue(depth + 1);
      return o;
    };
    const resolve = (s: any): any => (s?.$ref ? doc.components?.schemas?.[s.$ref.split("/").pop()] ?? {} : s ?? {});
    /** A value shaped like the schema, mutated here and there. */
    const fromSchema = (schema: any, depth = 0): unknown => {
      const s = resolve(schema);
      if (r() < 0.12 || depth > 5) return randValue(depth);
      const alts = s.anyOf ?? s.oneOf;
      if (alts) return fromSchema(r.pick(alts), depth + 1);
      if (s.enum) return r() < 0.85 ? r.pick(s.enum) : randString();
      if (s.const !== undefined) return s.const;
      const type = Array.isArray(s.type) ? r.pick(s.type) : s.type;
      if (type === "object" || s.properties) {
        const o: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(s.properties ?? {})) if (r() < 0.8) o[k] = fromSchema(v, depth + 1);
        if (r() < 0.1) o[randString().slice(0, 20)] = randValue(depth + 1);
        return o;
      }
      if (type === "array") return Array.from({ length: r.int(4) }, () => fromSchema(s.items ?? {}, depth + 1));
      if (type === "string") return s.format === "email" && r() < 0.7 ? `fuzz-${r.int(1e6)}@example.com` : randString();
      if (type === "integer" || type === "number") return randNumber();
      if (type === "boolean") return r() < 0.5;
      return randValue(depth);
    };

    const webhookOps = connectors.map((c) => ({ method: "POST", path: `/webhooks/${c.kind}/{connectorId}`, params: ["connectorId"], query: [], body: null, connector: c }));
    const targets: (Operation & { connector?: { id: string; kind: string } })[] = [
      // Signing out would end the sessions the fuzz uses (logout has its own test in authz).
      ...ops.filter((o) => o.path !== "/api/auth/logout"),
      ...webhookOps,
      { method: "GET", path: "/forms/{token}", params: ["token"], query: [], body: null },
      { method: "GET", path: "/api/nope/{id}", params: ["id"], query: [], body: null },
    ];
    const failures: string[] = [];
    const shapeProblems: string[] = [];
    const leaks: string[] = [];
    const statuses: Record<string, number> = {};
    let networkErrors = 0;

    await pool(TOTAL, 8, async () => {
      const op = r.pick(targets);
      const who = r() < 0.3 ? null : r() < 0.45 ? csm : admin;
      const ids = (name: string) => {
        if (op.connector && name === "connectorId") return r() < 0.9 ? op.connector.id : randString();
        if (r() < 0.35) return randString();
        const fam = op.path.split("/")[2] ?? "";
        const pools = ({ users: known.users, pools: known.pools, workflows: known.workflows, templates: known.templates, runs: known.runs, queue: known.queue, accounts: known.accounts, connectors: known.connectors } as Record<string, string[]>)[fam];
        return (pools && pools.length && r.pick(pools)) || randString();
      };
      let path = fill(op.path, ids);
      const q = new URLSearchParams();
      for (const p of op.query) if (r() < 0.5) q.set(p.name, r() < 0.6 && p.schema ? asText(fromSchema(p.schema)) : randString());
      for (let i = r.int(3); i > 0; i--) q.set(randString().slice(0, 20) || "k", randString().slice(0, 200));
      if ([...q].length) path += `?${q}`;
      const method = r() < 0.05 ? r.pick(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]) : op.method;
      const headers: Record<string, string> = {};
      if (who) headers.cookie = who.cookie;
      else if (r() < 0.1) headers.cookie = `ow_session=${randString().replace(/[^\x20-\x7e]/g, "").slice(0, 100)}`;
      if (method !== "GET" && method !== "HEAD") headers.origin = r() < 0.9 ? product.url : r.pick(["https://evil.example.com", "null", ""]);
      let body: string | Uint8Array | undefined;
      if (method !== "GET" && method !== "HEAD") {
        const k = r();
        if (k < 0.55) body = JSON.stringify(op.body ? fromSchema(op.body) : randValue());
        else if (k < 0.7) body = JSON.stringify(randValue());
        else if (k < 0.8) body = JSON.stringify(randValue()).slice(0, r.int(40));
        else if (k < 0.87) body = "";
        else if (k < 0.93) body = Uint8Array.from({ length: r.int(2000) }, () => r.int(256));
        else if (k < 0.94) body = "[" + '"x",'.repeat(700_000) + '"x"]';
        else body = op.connector?.kind === "salesforce" ? `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${randString()}</soapenv:Body></soapenv:Envelope>` : randString();
        headers["content-type"] = r() < 0.7 ? "application/json" : r.pick(["text/plain", "text/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/json; charset=utf-16", "", "\u00ff/\u00fe"]).replace(/[^\x20-\x7e]/g, "?");
      }
      if (op.connector && typeof body === "string" && r() < 0.4) {
        const url = product.url + path;
        if (op.connector.kind === "hubspot") Object.assign(headers, signedHeaders(url, body));
        if (op.connector.kind === "notion") headers["x-notion-signature"] = "sha256=" + createHmac("sha256", "secret_demoNotionVerificationToken0000000000000").update(body).digest("hex");
      }
      for (let i = r.int(3); i > 0; i--) {
        const name = r.pick(["x-hubspot-signature-v3", "x-hubspot-request-timestamp", "x-notion-signature", "x-forwarded-host", "x-forwarded-proto", "accept", "if-none-match", "range", "x-fuzz"]);
        headers[name] = r.pick([String(Date.now()), randString().replace(/[^\x20-\x7e]/g, "").slice(0, 200), "127.0.0.1:1", "bytes=0-1"]);
      }
      let res: Response;
      try {
        res = await fetch(product.url + path, { method, headers, body: body as BodyInit | undefined, redirect: "manual", signal: AbortSignal.timeout(60_000) });
      } catch (e) {
        networkErrors++;
        if (networkErrors <= 3) failures.push(`network error on ${method} ${path.slice(0, 200)}: ${(e as Error).message}`);
        return;
      }
      const text = method === "HEAD" ? "" : await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const label = `${method} ${path.slice(0, 160)} [${who === admin ? "admin" : who === csm ? "csm" : "anonymous"}; ${headers["content-type"] ?? "-"}; body ${typeof body === "string" ? body.slice(0, 120) : body ? `${body.length} bytes` : "none"}]`;
      if (res.status >= 500) failures.push(`${res.status} ${label} → ${text.slice(0, 300)}`);
      if (method !== "HEAD" && res.status >= 400 && (res.headers.get("content-type") ?? "").includes("json") && !isErrorShape(safeJson(text))) shapeProblems.push(`${res.status} ${label} → ${text.slice(0, 200)}`);
      // The one secret an answer exists to carry: Notion's verification token, shown to an admin to
      // paste into Notion's Verify dialog (API.md). Anywhere else, or to anyone else, it is a leak.
      const showsToken = method === "GET" && who === admin && res.status === 200 && /^\/api\/connectors\/[^/?]+\/verification-token(\?|$)/.test(path);
      const leaked = leakedSecrets(text + JSON.stringify([...res.headers]), secrets).filter((k) => !(showsToken && k === "DEMO_NOTION_VERIFICATION_TOKEN"));
      if (leaked.length) leaks.push(`${label}: ${leaked.join(", ")}`);
    });

    const logLeaks = leakedSecrets(product.log(), secrets);
    const summary = `statuses ${JSON.stringify(statuses)}, network errors ${networkErrors}`;
    expect(failures.slice(0, 20), summary).toEqual([]);
    expect(shapeProblems.slice(0, 20), summary).toEqual([]);
    expect(leaks.slice(0, 20)).toEqual([]);
    expect(logLeaks, "secrets in wrangler's log").toEqual([]);
  });
});

const asText = (v: unknown) => (v !== null && typeof v === "object" ? JSON.stringify(v) : String(v));

function safeJson(t: string) {
  try {
    return JSON.parse(t);
  } catch {
    return null;
  }
}
