import { beforeAll, describe, expect, it } from "vitest";
import { asAdmin, asCsm, client, expectErrorShape, leakedSecrets, secretValues, shared, type Client } from "./helpers";
import { fill, operations, type Operation } from "./openapi";

/**
 * Authorisation matrix: every endpoint of the OpenAPI document × {anonymous, CSM, admin}, with
 * ids that do not exist (so nothing is changed) and an empty JSON body, compared with API.md:
 * anonymous → 401 except login, the external form and the OpenAPI document; CSM → 403 on admin
 * routes; admin → never 401/403. No answer is a 5xx; every error has the API.md shape; no answer
 * carries a secret. Webhooks verify their sender instead of a session: never 401 for lack of one,
 * never a 5xx, never a 403 unless a Salesforce organisation id is wrong.
 */

type Who = "anonymous" | "csm" | "admin";
type Access = "public" | "user" | "admin" | "webhook";

/** Who may call what, from API.md's tables (and the project's own additions, by their routes). */
function accessOf(op: Operation): Access {
  const { method, path } = op;
  if (path.startsWith("/webhooks/")) return "webhook";
  if (path === "/api/auth/login" || path.startsWith("/api/forms/") || path === "/api/openapi.json") return "public";
  if (path === "/api/auth/logout" || path === "/api/me") return "user";
  if (path.startsWith("/api/queue")) return path.endsWith("/assign") ? "admin" : "user";
  if (path.startsWith("/api/templates") && method === "GET") return "user";
  if (path.startsWith("/api/accounts")) return path.endsWith("/csm") ? "admin" : "user"; // a CSM reads and works their own accounts; admins reassign them
  if (path.startsWith("/api/directory")) return "user";
  return "admin";
}

describe("authorisation matrix", () => {
  let ops: Operation[] = [];
  const clients: Record<Who, Client | null> = { anonymous: null, csm: null, admin: null };
  const secrets = secretValues(shared().secrets);

  beforeAll(async () => {
    const s = shared();
    clients.admin = await asAdmin(s.url);
    clients.csm = await asCsm(s.url, 2);
    clients.anonymous = client(s.url);
    ops = await operations(clients.admin);
  });

  it("covers the documented API", () => {
    expect(ops.length).toBeGreaterThan(40);
  });

  for (const who of ["anonymous", "csm", "admin"] as Who[]) {
    it(`every endpoint as ${who} answers as API.md says`, async () => {
      const wrong: string[] = [];
      for (const op of ops) {
        // Signing out would end the session the rest of the matrix uses: checked on its own below.
        if (op.path === "/api/auth/logout" && who !== "anonymous") continue;
        const path = fill(op.path, (name) => (name === "v" ? "999" : `nonexistent_${name}`));
        const res = await clients[who]!.call(op.method, path, op.method === "GET" || op.method === "DELETE" ? undefined : {});
        const access = accessOf(op);
        const label = `${op.method} ${op.path} as ${who} → ${res.status}`;
        if (res.status >= 500) wrong.push(`${label}: server error ${res.text.slice(0, 200)}`);
        if (res.status >= 400 && (res.headers.get("content-type") ?? "").includes("json")) {
          try {
            expectErrorShape(res.json, label);
          } catch {
            wrong.push(`${label}: bad error shape ${res.text.slice(0, 200)}`);
          }
        }
        const leaks = leakedSecrets(res.text + JSON.stringify([...res.headers]), secrets);
        if (leaks.length) wrong.push(`${label}: leaks ${leaks.join(", ")}`);
        if (access === "webhook") {
          if (res.status === 401 && res.json?.error?.code === "unauthenticated") wrong.push(`${label}: asks for a session`);
          continue;
        }
        if (who === "anonymous") {
          if (access === "public" ? res.status === 401 && op.path !== "/api/auth/login" : res.status !== 401) wrong.push(`${label} (expected ${access === "public" ? "no 401" : "401"})`);
        } else if (who === "csm") {
          if (access === "admin" && res.status !== 403) wrong.push(`${label} (expected 403)`);
          if (access !== "admin" && (res.status === 401 || res.status === 403)) wrong.push(`${label} (expected to be allowed)`);
        } else if (res.status === 401 || res.status === 403) wrong.push(`${label} (expected to be allowed)`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("signing out ends the session (204, then 401)", async () => {
    const s = shared();
    const c = await asCsm(s.url, 3);
    expect((await c.post("/api/auth/logout")).status).toBe(204);
    expect((await c.get("/api/me")).status).toBe(401);
  });

  it("state-changing calls from another origin are refused (403) for every role", async () => {
    const s = shared();
    for (const who of ["csm", "admin"] as Who[]) {
      const res = await clients[who]!.call("POST", "/api/queue/nonexistent/claim", undefined, { origin: "https://evil.example.com" });
      expect(res.status, `${who}: ${res.text}`).toBe(403);
      expectErrorShape(res.json);
    }
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
