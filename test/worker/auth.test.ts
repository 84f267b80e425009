import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { call, db, expectErrorShape, login, makeUser, signedIn } from "./helpers";
import { hashPassword, verifyPassword, PBKDF2_ITERATIONS } from "../../worker/lib/crypto";
import { schema } from "../../worker/db/client";
import { eq } from "drizzle-orm";

describe("password hashing", () => {
  it("hashes with PBKDF2-SHA256 at the Workers cap and a per-user salt", async () => {
    const a = await hashPassword("s3cret-pass");
    const b = await hashPassword("s3cret-pass");
    expect(a).toMatch(new RegExp(`^pbkdf2-sha256\\$${PBKDF2_ITERATIONS}\\$`));
    expect(a).not.toBe(b);
    expect(await verifyPassword("s3cret-pass", a)).toBe(true);
    expect(await verifyPassword("s3cret-pasS", a)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
});

describe("sign-in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie and /api/me answers", async () => {
    const u = await makeUser({ email: "ann@example.com", name: "Ann" });
    const r = await call("/api/auth/login", { body: { email: "ANN@example.com", password: "correct-horse" } });
    expect(r.status).toBe(200);
    expect(r.json.user).toMatchObject({ email: "ann@example.com", role: "admin" });
    expect(r.json.user.passwordHash).toBeUndefined();
    const cookie = r.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http in tests; https adds Secure (next test)
    const token = cookie.split(";")[0].split("=")[1];
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits base64url
    const me = await call("/api/me", { cookie: cookie.split(";")[0] });
    expect(me.json).toEqual({ id: u.id, email: "ann@example.com", name: "Ann", role: "admin" });
    // The token itself is never stored, only its hash.
    const rows = await db().select().from(schema.sessions).where(eq(schema.sessions.userId, u.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].id).not.toBe(token);
  });

  it("adds Secure to the cookie over https", async () => {
    await makeUser({ email: "sec@example.com" });
    const { exports } = await import("cloudflare:workers");
    const res = await (exports as any).default.fetch(
      new Request("https://app.test/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://app.test" },
        body: JSON.stringify({ email: "sec@example.com", password: "correct-horse" }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("answers a wrong password and an unknown e-mail identically", async () => {
    await makeUser({ email: "bob@example.com" });
    const a = await call("/api/auth/login", { body: { email: "bob@example.com", password: "nope-nope" } });
    const b = await call("/api/auth/login", { body: { email: "nobody@example.com", password: "nope-nope" } });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.json).toEqual(b.json);
    expectErrorShape(a.json);
  });

  it("refuses a deactivated user with the same 401", async () => {
    await makeUser({ email: "gone@example.com", active: false });
    const r = await call("/api/auth/login", { body: { email: "gone@example.com", password: "correct-horse" } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("invalid_credentials");
  });

  it("throttles repeated failures with 429, even for the right password", async () => {
    await makeUser({ email: "eve@example.com" });
    for (let i = 0; i < 5; i++) {
      const r = await call("/api/auth/login", { body: { email: "eve@example.com", password: "wrong-" + i } });
      expect(r.status).toBe(401);
    }
    const locked = await call("/api/auth/login", { body: { email: "eve@example.com", password: "correct-horse" } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expectErrorShape(locked.json);
    // Once the window has passed the right password works again.
    await db().update(schema.loginAttempts).set({ lockedUntil: new Date(Date.now() - 1000).toISOString() }).where(eq(schema.loginAttempts.key, "email:eve@example.com"));
    const ok = await call("/api/auth/login", { body: { email: "eve@example.com", password: "correct-horse" } });
    expect(ok.status).toBe(200);
  });

  it("logout ends the session", async () => {
    const { cookie } = await signedIn();
    expect((await call("/api/me", { cookie })).status).toBe(200);
    expect((await call("/api/auth/logout", { method: "POST", cookie })).status).toBe(204);
    expect((await call("/api/me", { cookie })).status).toBe(401);
  });

  it("an expired session is refused and removed", async () => {
    const { user, cookie } = await signedIn();
    await db().update(schema.sessions).set({ expiresAt: new Date(Date.now() - 1).toISOString() }).where(eq(schema.sessions.userId, user.id));
    expect((await call("/api/me", { cookie })).status).toBe(401);
    expect(await db().select().from(schema.sessions).where(eq(schema.sessions.userId, user.id))).toHaveLength(0);
  });

  it("a session slides forward when used", async () => {
    const { user, cookie } = await signedIn();
    const old = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    await db().update(schema.sessions).set({ lastSeenAt: old, expiresAt: new Date(Date.now() + 1000 * 60).toISOString() }).where(eq(schema.sessions.userId, user.id));
    expect((await call("/api/me", { cookie })).status).toBe(200);
    const [s] = await db().select().from(schema.sessions).where(eq(schema.sessions.userId, user.id));
    expect(Date.parse(s.expiresAt)).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
  });

  it("validates the login body", async () => {
    const r = await call("/api/auth/login", { body: { email: "not-an-email" } });
    expect(r.status).toBe(422);
    expect(r.json.error.details.map((d: any) => d.path).sort()).toEqual(["email", "password"]);
    const bad = await call("/api/auth/login", { rawBody: "{nope" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("malformed_json");
  });
});

describe("access control", () => {
  it("anonymous calls get 401; CSMs get 403 on admin routes", async () => {
    for (const path of ["/api/me", "/api/users", "/api/pools"]) {
      const r = await call(path);
      expect(r.status, path).toBe(401);
      expectErrorShape(r.json);
    }
    const { cookie } = await signedIn("csm");
    expect((await call("/api/me", { cookie })).status).toBe(200);
    for (const [method, path] of [["GET", "/api/users"], ["POST", "/api/users"], ["GET", "/api/pools"], ["POST", "/api/pools"], ["PATCH", "/api/users/x"], ["DELETE", "/api/pools/x"]]) {
      const r = await call(path, { method, cookie, body: method === "GET" ? undefined : {} });
      expect(r.status, `${method} ${path}`).toBe(403);
    }
  });

  it("refuses state-changing calls from another origin", async () => {
    const { cookie } = await signedIn();
    const r = await call("/api/users", { cookie, body: { email: "x@example.com", name: "X", role: "csm", password: "password1" }, headers: { origin: "https://evil.example" } });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("cross_origin");
    const ok = await call("/api/users", { cookie, body: { email: "x@example.com", name: "X", role: "csm", password: "password1" } });
    expect(ok.status).toBe(201);
  });

  it("unknown API paths are 404 in the error shape", async () => {
    const { cookie } = await signedIn();
    const r = await call("/api/nope", { cookie });
    expect(r.status).toBe(404);
    expectErrorShape(r.json);
  });

  it("serves the OpenAPI document generated from the route schemas", async () => {
    const r = await call("/api/openapi.json");
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe("3.1.0");
    expect(Object.keys(r.json.paths)).toEqual(expect.arrayContaining(["/api/auth/login", "/api/users", "/api/users/{id}", "/api/pools/{id}"]));
  });

  it("serves the SPA for app routes with the single-page fallback", async () => {
    const res = await env.ASSETS.fetch(new Request("http://app.test/team", { headers: { "Sec-Fetch-Mode": "navigate" } }));
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<div id="app"|<!doctype html>/i);
  });
});
