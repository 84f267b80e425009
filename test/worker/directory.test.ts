import { describe, expect, it } from "vitest";
import { call, login, makeUser, signedIn } from "./helpers";

/** The directory is what CSMs may know of the workspace: people to hand work to, and their own pools' names. */
describe("directory", () => {
  it("lists active people, optionally one pool's members, to any signed-in user", async () => {
    const admin = await signedIn("admin");
    const csm = await makeUser({ role: "csm", name: "Dir Csm" });
    const gone = await makeUser({ role: "csm", name: "Dir Gone", active: false });
    const pool = await call("/api/pools", { cookie: admin.cookie, body: { name: "Dir pool", members: [{ userId: csm.id, weight: 1, capacity: 5 }] } });
    expect(pool.status).toBe(201);

    const csmCookie = await login(csm.email);
    const all = await call("/api/directory", { cookie: csmCookie });
    expect(all.status).toBe(200);
    const ids = all.json.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(csm.id);
    expect(ids).not.toContain(gone.id);
    expect(Object.keys(all.json.items[0]).sort()).toEqual(["email", "id", "name", "outOfOffice", "role"]);

    const members = await call(`/api/directory?poolId=${pool.json.id}`, { cookie: csmCookie });
    expect(members.json.items.map((p: { id: string }) => p.id)).toEqual([csm.id]);
    expect((await call("/api/directory?poolId=nope", { cookie: csmCookie })).json.items).toEqual([]);
  });

  it("names every pool for an admin and only a CSM's own pools for the CSM", async () => {
    const admin = await signedIn("admin");
    const csm = await makeUser({ role: "csm" });
    const mine = await call("/api/pools", { cookie: admin.cookie, body: { name: "Pool mine", members: [{ userId: csm.id, weight: 1, capacity: 5 }] } });
    const other = await call("/api/pools", { cookie: admin.cookie, body: { name: "Pool other", members: [] } });

    const asAdmin = await call("/api/directory/pools", { cookie: admin.cookie });
    expect(asAdmin.status).toBe(200);
    const adminIds = asAdmin.json.items.map((p: { id: string }) => p.id);
    expect(adminIds).toEqual(expect.arrayContaining([mine.json.id, other.json.id]));

    const asCsm = await call("/api/directory/pools", { cookie: await login(csm.email) });
    expect(asCsm.status).toBe(200);
    expect(asCsm.json.items).toEqual([{ id: mine.json.id, name: "Pool mine" }]);
  });

  it("answers nothing without a session", async () => {
    for (const path of ["/api/directory", "/api/directory/pools"]) {
      const r = await call(path);
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe("unauthenticated");
    }
  });
});
