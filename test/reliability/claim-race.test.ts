import { beforeAll, describe, expect, it } from "vitest";
import { asAdmin, createWorkflow, edge, hubspotConnectorId, node, pool, sampleDeal, shared, signIn, size, until, type Client } from "./helpers";

/**
 * Claim race: 50 concurrent claims on each open queue item, from ten people who may all see it
 * (the admin and nine CSMs of the item's pool). Exactly one person wins each item: every 200
 * goes to the same claimer (a repeated claim by the winner is answered 200 again), all others 409.
 */
describe("claim race", () => {
  const items = size(5, 20);
  let admin: Client;
  let claimers: { id: string; c: Client }[] = [];
  let queueIds: string[] = [];

  beforeAll(async () => {
    const s = shared();
    admin = await asAdmin(s.url);
    const me = await admin.must("GET", "/api/me");
    const poolId = s.seeded.pools.general;
    const hub = await hubspotConnectorId(admin);
    const wf = await createWorkflow(admin, "Reliability: claim race", {
      nodes: [
        node("trigger", "trigger.hubspot", { connectorId: hub, stageIds: ["closedwon"] }, 0),
        node("check", "human.form", { title: "Check {{deal.company.name}}", assignee: { poolId }, fields: [{ key: "note", label: "Note", type: "text" }] }, 1),
        node("done", "end", { outcome: "completed" }, 2),
        node("late", "end", { outcome: "failed", reason: "timed out" }, 2),
      ],
      edges: [edge("trigger", "check"), edge("check", "done", "done"), edge("check", "late", "timeout")],
    });
    // Nine CSMs in the item's pool, besides the admin.
    const stamp = Date.now().toString(36);
    const csms: string[] = [];
    for (let i = 0; i < 9; i++) {
      const email = `race-${stamp}-${i}@example.com`;
      const u = await admin.must("POST", "/api/users", { email, name: `Racer ${i}`, role: "csm", password: "race-password-123" }, 201);
      csms.push((u.user ?? u).id);
    }
    const p = await admin.must("GET", `/api/pools/${poolId}`);
    await admin.must("PUT", `/api/pools/${poolId}`, { name: p.name, members: [...p.members.map((m: { userId: string; weight: number; capacity: number | null }) => ({ userId: m.userId, weight: m.weight, capacity: m.capacity })), ...csms.map((userId) => ({ userId, weight: 1, capacity: 100 }))] });
    claimers = [{ id: me.id, c: admin }];
    for (let i = 0; i < 9; i++) claimers.push({ id: csms[i], c: await signIn(s.url, `race-${stamp}-${i}@example.com`, "race-password-123") });

    for (let i = 0; i < items; i++) await admin.must("POST", `/api/workflows/${wf}/test`, { deal: sampleDeal(`race-${i}`) }, 201);
    const open = await until(
      async () => {
        const r = await admin.must("GET", `/api/queue?mode=test&workflowId=${wf}&status=open&limit=200`);
        return r.items.length >= items ? r.items : null;
      },
      { ms: 120_000, every: 1000, what: `${items} open queue items` },
    );
    queueIds = open.map((q: { id: string }) => q.id);
  }, 300_000);

  it(`50 concurrent claims on each of ${items} items → exactly one winner each`, { timeout: 600_000 }, async () => {
    for (const id of queueIds) {
      const results = await pool(50, 50, async (k: number) => {
        const who = claimers[k % claimers.length];
        const r = await who.c.post(`/api/queue/${id}/claim`);
        return { who: who.id, status: r.status, json: r.json, text: r.text };
      });
      const odd = results.filter((r: { status: number }) => r.status !== 200 && r.status !== 409).map((r: { status: number; text: string }) => `${r.status} ${r.text.slice(0, 300)}`);
      expect(odd, "answers other than 200 and 409").toEqual([]);
      const winners = new Set(results.filter((r: { status: number }) => r.status === 200).map((r: { who: string }) => r.who));
      expect(winners.size, `item ${id}: winners ${[...winners]}`).toBe(1);
      const [winner] = winners;
      for (const r of results) if (r.status === 409) expect(r.json?.error?.code).toBeTruthy();
      const item = await admin.must("GET", `/api/queue/${id}`);
      expect(item.status).toBe("claimed");
      expect(item.claimedBy).toBe(winner);
    }
  });
});
