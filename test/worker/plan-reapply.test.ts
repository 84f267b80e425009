import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../worker/db/client";
import { newId } from "../../worker/lib/crypto";
import { iso } from "../../worker/lib/time";
import { call, db, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, sampleDeal } from "./run-helpers";

const trigger = node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] });

async function testRun(cookie: string, workflowId: string, deal: unknown) {
  const r = await call(`/api/workflows/${workflowId}/test`, { cookie, body: { deal } });
  expect(r.status, r.text).toBe(201);
  const run = await drive(cookie, r.json.runId);
  expect(run.status).toBe("completed");
  return run;
}

const storedPlan = async (id: string) => (await db().select({ plan: schema.accounts.plan }).from(schema.accounts).where(eq(schema.accounts.id, id)).get())!.plan as any[];

describe("applying a template again to an account", () => {
  it("keeps the ticks of tasks the new plan still has (same milestone and task title), through a real run", async () => {
    const { cookie, user } = await signedIn("admin");
    const templateId = newId("tpl_");
    const milestones = (renamed: string) => [
      { name: "Kick-off", offsetDays: 3, tasks: [{ title: "Intro call", owner: "csm" as const, offsetDays: 1 }, { title: renamed, owner: "customer" as const, offsetDays: 2 }] },
      { name: "Go-live", offsetDays: 10, tasks: [{ title: "Intro call", owner: "csm" as const, offsetDays: 8 }, { title: "SSO configured", owner: "customer" as const, offsetDays: 9 }] },
    ];
    await db().insert(schema.templates).values({ id: templateId, name: "Reapplied template", milestones: milestones("Share admin list"), createdAt: iso(), updatedAt: iso() });
    const wf = await createWorkflow(cookie, {
      nodes: [trigger, node("acc", "action.create_account", {}), node("plan", "action.apply_template", { templateId }), node("done", "end", {})],
      edges: [edge("t", "acc"), edge("acc", "plan"), edge("plan", "done")],
    });
    // A record of its own, so both runs reach the same account and no other test's.
    const deal = { ...sampleDeal(), objectId: newId("deal_") };
    const first = await testRun(cookie, wf, deal);
    const accountId = first.data.account.id as string;

    // Tick three tasks: one the new plan keeps, one it renames, and one in another milestone.
    const ticked: Record<string, any> = {};
    for (const task of ["0.0", "0.1", "1.1"]) {
      const r = await call(`/api/accounts/${accountId}/plan/tasks/${task}`, { method: "PATCH", cookie, body: { done: true } });
      expect(r.status, r.text).toBe(200);
      ticked[task] = r.json.task;
    }
    expect(ticked["0.0"]).toMatchObject({ done: true, doneBy: { id: user.id } });

    await db().update(schema.templates).set({ milestones: milestones("Share the admin list") }).where(eq(schema.templates.id, templateId));
    const second = await testRun(cookie, wf, deal);
    expect(second.data.account.id).toBe(accountId);

    const plan = await storedPlan(accountId);
    expect(plan.map((m) => [m.milestone, m.tasks.map((t: any) => t.title)])).toEqual([
      ["Kick-off", ["Intro call", "Share the admin list"]],
      ["Go-live", ["Intro call", "SSO configured"]],
    ]);
    // Kept as they were, who and when included.
    expect(plan[0].tasks[0]).toEqual({ ...plan[0].tasks[0], done: true, doneAt: ticked["0.0"].doneAt, doneBy: ticked["0.0"].doneBy });
    expect(plan[1].tasks[1]).toMatchObject({ title: "SSO configured", done: true, doneAt: ticked["1.1"].doneAt, doneBy: ticked["1.1"].doneBy });
    // A renamed task is a new task, and a same-titled task of another milestone was never ticked.
    expect(plan[0].tasks[1].done).toBeUndefined();
    expect(plan[1].tasks[0]).not.toHaveProperty("done");
    expect(plan[1].tasks[0]).not.toHaveProperty("doneBy");
    // The new plan's own dates and owners are the ones stored.
    expect(plan[1].tasks[1]).toMatchObject({ owner: "customer", dueAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // The account page reads the merged plan back.
    const page = await call(`/api/accounts/${accountId}`, { cookie });
    expect(page.json.plan[0].tasks[0]).toMatchObject({ done: true, doneBy: { id: user.id } });
  });
});
