import { describe, expect, it } from "vitest";
import { call, db, login, makeUser, signedIn } from "./helpers";
import { schema } from "../../worker/db/client";
import { newId } from "../../worker/lib/crypto";
import { iso } from "../../worker/lib/time";

type Item = typeof schema.queueItems.$inferInsert;
const HOUR = 3_600_000;

/** A queue row written straight into D1, as the run objects' mirror would. */
function item(over: Partial<Item>): Item {
  return {
    id: newId("qi_"),
    runId: newId("run_"),
    workflowId: "wf_lists",
    workflowName: "Lists",
    nodeId: "n",
    kind: "review",
    title: "Task",
    status: "open",
    createdAt: iso(),
    mode: "live",
    subject: { connector: null, objectId: null, name: null },
    form: [],
    context: {},
    ...over,
  };
}

/** Every page of a list, following nextCursor. */
async function allPages(path: string, cookie: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const r = await call(`${path}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { cookie });
    expect(r.status, r.text).toBe(200);
    ids.push(...r.json.items.map((x: { id: string }) => x.id));
    cursor = r.json.nextCursor;
  } while (cursor);
  return ids;
}

describe("queue lists and counts read per person and per pool", () => {
  it("My items: assigned to me or claimed by me, each once, in due order across pages; counts match", async () => {
    const { cookie: admin, user: adminUser } = await signedIn();
    const me = await makeUser({ role: "csm" });
    const other = await makeUser({ role: "csm" });
    const pool = newId("pool_");
    await db().insert(schema.pools).values({ id: pool, name: "Lists pool", createdAt: iso(), updatedAt: iso() });
    await db().insert(schema.poolMembers).values({ poolId: pool, userId: me.id, weight: 1, capacity: null });
    const now = Date.now();
    const due = (h: number | null) => (h === null ? null : new Date(now + h * HOUR).toISOString());
    const rows = [
      item({ assigneeId: me.id, dueAt: due(5) }), // mine, assigned
      item({ assigneeId: me.id, claimedBy: me.id, status: "claimed", dueAt: due(-2) }), // mine both ways: once
      item({ assigneeId: other.id, claimedBy: me.id, status: "claimed", dueAt: due(1) }), // claimed by me
      item({ poolId: pool, claimedBy: me.id, status: "claimed", dueAt: null }), // in my pool and claimed by me
      item({ poolId: pool, assigneeId: me.id, dueAt: due(5) }), // in my pool and assigned to me (same due: id order)
      item({ poolId: pool, dueAt: due(-1) }), // my pool, nobody's
      item({ assigneeId: other.id, dueAt: due(-3) }), // not visible to me
      item({ assigneeId: me.id, status: "completed", dueAt: due(-4), completedAt: iso() }), // finished
      item({ assigneeId: me.id, mode: "test", dueAt: due(2) }), // test mode
      item({ assigneeId: adminUser.id, claimedBy: adminUser.id, status: "claimed", dueAt: due(3) }), // the admin's
    ];
    // One row per statement: D1 allows 100 bound values in one.
    for (const r of rows) await db().insert(schema.queueItems).values(r);
    const key = (r: Item) => [r.dueAt ?? "9999", r.id] as const;
    const ordered = (xs: Item[]) => xs.sort((a, b) => (key(a)[0] < key(b)[0] ? -1 : key(a)[0] > key(b)[0] ? 1 : a.id < b.id ? -1 : 1)).map((r) => r.id);
    const live = rows.filter((r) => r.mode === "live" && (r.status === "open" || r.status === "claimed"));
    const isMine = (r: Item, id: string) => r.assigneeId === id || r.claimedBy === id;

    const meCookie = await login(me.email);
    expect(await allPages("/api/queue?status=active&assignee=me", meCookie)).toEqual(ordered(live.filter((r) => isMine(r, me.id))));
    expect(await allPages("/api/queue?status=active&assignee=me", admin)).toEqual(ordered(live.filter((r) => isMine(r, adminUser.id))));
    expect(await allPages("/api/queue?status=done&assignee=me", meCookie)).toEqual([rows[7].id]);

    const visible = live.filter((r) => isMine(r, me.id) || r.poolId === pool);
    const counts = (xs: Item[], id: string) => ({
      open: xs.filter((r) => r.status === "open").length,
      claimedByMe: xs.filter((r) => r.status === "claimed" && r.claimedBy === id).length,
      overdue: xs.filter((r) => r.dueAt !== null && r.dueAt! < new Date().toISOString()).length,
      assignedToMe: xs.filter((r) => r.status === "open" && r.assigneeId === id).length,
    });
    expect((await call("/api/queue/counts", { cookie: meCookie })).json).toEqual(counts(visible, me.id));
    const everyLive = (await db().select().from(schema.queueItems)).filter((r) => r.mode === "live" && (r.status === "open" || r.status === "claimed"));
    expect((await call("/api/queue/counts", { cookie: admin })).json).toEqual(counts(everyLive as Item[], adminUser.id));
  });
});
