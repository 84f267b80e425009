import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { asc, eq, inArray } from "drizzle-orm";
import { call, db, expectErrorShape, makeUser, signedIn } from "./helpers";
import { schema } from "../../worker/db/client";

const create = (cookie: string, name: string, members: unknown[] = []) => call("/api/pools", { cookie, body: { name, members } });
const rename = (cookie: string, id: string, name: string, members: unknown[] = []) => call(`/api/pools/${id}`, { cookie, method: "PUT", body: { name, members } });
const taken = (name: string) => ({
  code: "pool_name_taken",
  message: `Another pool is already called “${name}”. Pick a name no other pool has, so pool pickers can tell them apart.`,
});
const poolNames = async () => (await db().select({ name: schema.pools.name }).from(schema.pools).orderBy(asc(schema.pools.name))).map((p) => p.name);

describe("pool names are unique, ignoring case and surrounding spaces", () => {
  it("creating a pool with a name another pool has is 409 pool_name_taken, also in another case or with spaces", async () => {
    const { cookie } = await signedIn();
    const csm = await makeUser({ role: "csm" });
    const first = await create(cookie, "Enterprise East");
    expect(first.status, first.text).toBe(201);
    for (const name of ["Enterprise East", "enterprise east", "  ENTERPRISE EAST  ", "Enterprise East\t"]) {
      const again = await create(cookie, name, [{ userId: csm.id, weight: 1, capacity: null }]);
      expect(again.status, `${JSON.stringify(name)}: ${again.text}`).toBe(409);
      expectErrorShape(again.json);
      expect(again.json.error).toMatchObject(taken(name.trim()));
    }
    // Nothing was written by the refused calls: one pool, and no members of a half-made one.
    expect((await poolNames()).filter((n) => n.toLowerCase() === "enterprise east")).toEqual(["Enterprise East"]);
    expect(await db().select().from(schema.poolMembers).where(eq(schema.poolMembers.userId, csm.id))).toEqual([]);
    // A name that only contains the other is no conflict.
    expect((await create(cookie, "Enterprise East 2")).status).toBe(201);
  });

  it("renaming a pool to another pool's name is 409 and changes nothing; renaming it to its own name in another case is fine", async () => {
    const { cookie } = await signedIn();
    const csm = await makeUser({ role: "csm" });
    const a = (await create(cookie, "Renewals")).json;
    const b = (await create(cookie, "Expansion", [{ userId: csm.id, weight: 2, capacity: 5 }])).json;
    const refused = await rename(cookie, b.id, " renewals ", []);
    expect(refused.status, refused.text).toBe(409);
    expectErrorShape(refused.json);
    expect(refused.json.error).toMatchObject(taken("renewals"));
    // Neither the name nor the members of the refused save were written.
    const kept = (await call(`/api/pools/${b.id}`, { cookie })).json;
    expect(kept).toMatchObject({ name: "Expansion", members: [{ userId: csm.id, weight: 2, capacity: 5 }] });
    // Its own name, recased: the pool it collides with is itself.
    const recased = await rename(cookie, b.id, "EXPANSION", [{ userId: csm.id, weight: 2, capacity: 5 }]);
    expect(recased.status, recased.text).toBe(200);
    expect(recased.json.name).toBe("EXPANSION");
    expect((await rename(cookie, a.id, "Renewals", [])).status).toBe(200);
    // Once a name is free again (renamed away), it can be taken.
    expect((await rename(cookie, a.id, "Renewals EMEA")).status).toBe(200);
    expect((await rename(cookie, b.id, "renewals")).status).toBe(200);
  });

  it("ignores letter case in every script, not only ASCII, and Unicode's composed and decomposed forms", async () => {
    const { cookie } = await signedIn();
    const first = await create(cookie, "Équipe Nord");
    expect(first.status, first.text).toBe(201);
    const other = (await create(cookie, "Équipe Sud")).json;
    for (const name of ["ÉQUIPE NORD", "équipe nord", " E\u0301quipe Nord "]) {
      const again = await create(cookie, name);
      expect(again.status, `${JSON.stringify(name)}: ${again.text}`).toBe(409);
      expect(again.json.error).toMatchObject(taken(name.trim()));
      const renamed = await rename(cookie, other.id, name);
      expect(renamed.status, renamed.text).toBe(409);
    }
    expect((await poolNames()).filter((n) => n.normalize("NFC").toLowerCase().startsWith("équipe"))).toEqual(["Équipe Nord", "Équipe Sud"]);
    // Its own name in another case is no conflict; an unknown pool is 404 whatever its name.
    expect((await rename(cookie, first.json.id, "ÉQUIPE NORD")).status).toBe(200);
    expect((await rename(cookie, "pool_missing", "Équipe Sud")).status).toBe(404);
  });

  it("two admins saving the same name at the same moment: exactly one wins, the other gets 409", async () => {
    const [one, two] = await Promise.all([signedIn(), signedIn()]);
    const created = await Promise.all([create(one.cookie, "Race pool"), create(two.cookie, "race pool ")]);
    expect(created.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(created.find((r) => r.status === 409)!.json.error.code).toBe("pool_name_taken");

    const x = (await create(one.cookie, "Race X")).json;
    const y = (await create(two.cookie, "Race Y")).json;
    const renamed = await Promise.all([rename(one.cookie, x.id, "Race Z"), rename(two.cookie, y.id, "RACE Z")]);
    expect(renamed.map((r) => r.status).sort()).toEqual([200, 409]);
    const names = (await db().select({ name: schema.pools.name }).from(schema.pools).where(inArray(schema.pools.id, [x.id, y.id]))).map((p) => p.name);
    expect(names.filter((n) => n.toLowerCase() === "race z")).toHaveLength(1);
  });
});

describe("migration 0007 (unique pool names)", () => {
  it("renames later duplicates in creation order, \"<name> (2)\", \"(3)\", falling back to the pool id when that name is taken, then the index holds", async () => {
    const migration = (env as unknown as { TEST_MIGRATIONS: { name: string; queries: string[] }[] }).TEST_MIGRATIONS.find((m) => m.name.startsWith("0007_"))!;
    expect(migration).toBeTruthy();
    // A database from before the migration: no index, and pools that share names.
    await env.DB.exec("DROP INDEX `idx_pools_name_key`");
    await db().delete(schema.pools);
    const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 0, min)).toISOString();
    const pool = (id: string, name: string, min: number) => ({ id, name, createdAt: at(min), updatedAt: at(min) });
    await db().insert(schema.pools).values([
      pool("pool_c", "general pool", 3),
      pool("pool_a", "General pool", 1),
      pool("pool_b", " GENERAL POOL ", 2),
      pool("pool_d", "General pool", 3), // same minute as pool_c: the id breaks the tie
      pool("pool_s", "Senior CSMs", 0),
      pool("pool_t", "Solo", 0),
      pool("pool_u", "solo", 1),
      pool("pool_v", "Solo (2)", 0), // already called what the second "Solo" would become
    ]);
    for (const query of migration.queries) await env.DB.prepare(query).run();

    const byId = Object.fromEntries((await db().select({ id: schema.pools.id, name: schema.pools.name }).from(schema.pools)).map((p) => [p.id, p.name]));
    expect(byId).toEqual({
      pool_a: "General pool",
      pool_b: "GENERAL POOL (2)",
      pool_c: "general pool (3)",
      pool_d: "General pool (4)",
      pool_s: "Senior CSMs",
      pool_t: "Solo",
      pool_u: "solo (pool_u)",
      pool_v: "Solo (2)",
    });
    // The helper table is gone and the index now refuses a duplicate.
    expect((await env.DB.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = '__pool_renames'").first())?.n).toBe(0);
    await expect(db().insert(schema.pools).values(pool("pool_w", "SOLO", 5))).rejects.toThrow();
    expect((await create((await signedIn()).cookie, "senior csms")).status).toBe(409);
    expect(await db().select().from(schema.pools).where(eq(schema.pools.id, "pool_w"))).toEqual([]);
  });
});
