import { describe, expect, it } from "vitest";
import { call, expectErrorShape, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, sampleDeal } from "./run-helpers";

const trigger = node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] });

async function testRun(cookie: string, workflowId: string, deal = sampleDeal()) {
  const r = await call(`/api/workflows/${workflowId}/test`, { cookie, body: { deal } });
  expect(r.status, r.text).toBe(201);
  return r.json.runId as string;
}

const list = async (cookie: string, query: string) => {
  const r = await call(`/api/runs?mode=test&${query}`, { cookie });
  expect(r.status, r.text).toBe(200);
  return r.json as { items: { id: string; status: string; error: { message: string; code: string } | null; subject: { name: string | null } }[]; nextCursor: string | null; prevCursor: string | null };
};

describe("GET /api/runs", () => {
  it("says why a failed run failed, also when an End step failed it on purpose", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, {
      nodes: [trigger, node("gone", "end", { outcome: "failed", reason: "Nobody assigned a CSM before the due time" })],
      edges: [edge("t", "gone")],
    });
    // The account step refuses a deal with no name at all: a step error.
    const broken = await createWorkflow(cookie, { nodes: [trigger, node("acc", "action.create_account", {}), node("done", "end", {})], edges: [edge("t", "acc"), edge("acc", "done")] });
    const ended = await testRun(cookie, wf);
    const stepFailed = await testRun(cookie, broken, sampleDeal({ name: null, company: { ...sampleDeal().company, name: null } }));
    expect((await drive(cookie, ended)).status).toBe("failed");
    expect((await drive(cookie, stepFailed)).status).toBe("failed");

    const [a] = (await list(cookie, `workflowId=${wf}`)).items;
    expect(a).toMatchObject({ id: ended, status: "failed", error: { message: "Nobody assigned a CSM before the due time", code: "end_failed" } });
    const [b] = (await list(cookie, `workflowId=${broken}`)).items;
    expect(b).toMatchObject({ id: stepFailed, status: "failed", error: { code: "missing_name" } });
    expect(b.error!.message).toContain("needs a name");
    // The run's own view is unchanged: an End step's reason is its outcome, not a step error (so no retry).
    const detail = await call(`/api/runs/${ended}`, { cookie });
    expect(detail.json).toMatchObject({ error: null, outcome: { status: "failed", reason: "Nobody assigned a CSM before the due time" } });
  });

  it("finds runs by record name, record id or run id, taking % and _ literally", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, { nodes: [trigger, node("done", "end", {})], edges: [edge("t", "done")] });
    const deal = (name: string, objectId: string) => sampleDeal({ objectId, name: `${name} - deal`, company: { ...sampleDeal().company, name } });
    const quill = await testRun(cookie, wf, deal("Quillmark Studios", "q-1001"));
    const fern = await testRun(cookie, wf, deal("Ferncastle 100% Labs", "f_2002"));
    for (const id of [quill, fern]) await drive(cookie, id);

    const ids = async (q: string) => (await list(cookie, `workflowId=${wf}&q=${encodeURIComponent(q)}`)).items.map((r) => r.id);
    expect(await ids("quillmark")).toEqual([quill]); // case does not matter
    expect(await ids("  Studios ")).toEqual([quill]); // nor spaces around it
    expect(await ids("f_2002")).toEqual([fern]);
    expect(await ids("q_1001")).toEqual([]); // "_" is not a wildcard
    expect(await ids("100%")).toEqual([fern]);
    expect(await ids("%")).toEqual([fern]); // only the name that has one
    expect(await ids(quill.slice(4, 20))).toEqual([quill]);
    expect((await ids("")).sort()).toEqual([quill, fern].sort());
    expect(await ids("no such record")).toEqual([]);

    const long = await call(`/api/runs?q=${"x".repeat(201)}`, { cookie });
    expect(long.status).toBe(422);
    expectErrorShape(long.json);
    expect(long.json.error.details[0].path).toBe("q");
  });

  it("gives a page's way back (prevCursor), so a linked page can step to the one before it", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, { nodes: [trigger, node("done", "end", {})], edges: [edge("t", "done")] });
    const runs: string[] = [];
    for (let i = 0; i < 5; i++) runs.push(await testRun(cookie, wf, sampleDeal({ objectId: `page-${i}` })));
    for (const id of runs) await drive(cookie, id);

    const q = `workflowId=${wf}&limit=2`;
    const p1 = await list(cookie, q);
    expect(p1.prevCursor).toBeNull();
    const p2 = await list(cookie, `${q}&cursor=${p1.nextCursor}`);
    expect(p2.prevCursor).toBeNull(); // the page before it is the first: ask without a cursor
    const p3 = await list(cookie, `${q}&cursor=${p2.nextCursor}`);
    expect(p3.items).toHaveLength(1);
    expect(p3.prevCursor).toBe(p1.nextCursor);
    const back = await list(cookie, `${q}&cursor=${p3.prevCursor}`);
    expect(back.items.map((r) => r.id)).toEqual(p2.items.map((r) => r.id));
    expect([...p1.items, ...p2.items, ...p3.items].map((r) => r.id).sort()).toEqual([...runs].sort());
  });
});
