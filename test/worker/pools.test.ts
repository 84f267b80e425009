import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { call, db, expectErrorShape, login, makePool, makeUser, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, sampleDeal } from "./run-helpers";
import { seedDemo } from "../../worker/seed/demo";
import { seedSteps } from "../../worker/seed/steps";

const remove = (cookie: string, id: string) => call(`/api/pools/${id}`, { cookie, method: "DELETE" });

describe("DELETE /api/pools/:id", () => {
  it("is refused while a queue item waits in the pool, then deletes it once the item is dealt with", async () => {
    const { cookie } = await signedIn();
    const poolId = await makePool([(await makeUser({ role: "csm" })).id]);
    const wf = await createWorkflow(cookie, {
      nodes: [node("t", "trigger.hubspot", { connectorId: "con_pool", stageIds: ["closedwon"] }), node("ok", "human.approval", { title: "Approve", assignee: { poolId } }), node("e", "end", { outcome: "completed" }), node("x", "end", { outcome: "failed" })],
      edges: [edge("t", "ok"), edge("ok", "e", "approved"), edge("ok", "x", "rejected"), edge("ok", "x", "timeout")],
    });
    const started = await call(`/api/workflows/${wf}/test`, { cookie, body: { deal: sampleDeal() } });
    const runId = started.json.runId as string;
    expect((await drive(cookie, runId)).status).toBe("paused");

    const refused = await remove(cookie, poolId);
    expect(refused.status, refused.text).toBe(409);
    expectErrorShape(refused.json);
    expect(refused.json.error).toMatchObject({ code: "pool_in_use", message: "1 open queue item waits in this pool, so it was not deleted. Assign it to someone (Queue, as an admin) or complete it first." });
    expect((await call("/api/pools", { cookie })).json.items.some((p: { id: string }) => p.id === poolId)).toBe(true);

    expect((await call(`/api/runs/${runId}/cancel`, { cookie, method: "POST" })).status).toBe(200);
    await drive(cookie, runId, ["cancelled"]);
    expect((await remove(cookie, poolId)).status).toBe(204);
    expect((await remove(cookie, poolId)).status).toBe(404);
  });

  it("is refused while an active or paused workflow's published version assigns from it; a pool nothing uses goes", async () => {
    await seedDemo(db(), { password: "demo-password", env: env as any, ...seedSteps });
    const admin = await login("admin@example.com", "demo-password");
    const pools = (await call("/api/pools", { cookie: admin })).json.items as { id: string; name: string }[];
    const general = pools.find((p) => p.name === "General pool")!;
    const refused = await remove(admin, general.id);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "pool_in_use", message: expect.stringMatching(/^The (active|paused) workflow “.+” assigns from this pool, so it was not deleted\. /) });
    const spare = await makePool([]);
    expect((await remove(admin, spare)).status).toBe(204);
  });
});
