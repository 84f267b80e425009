import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { schema } from "../../worker/db/client";
import { db, signedIn } from "./helpers";
import { createWorkflow, drive, edge, getRun, node, sampleDeal, stubOf } from "./run-helpers";
import { aiRequests, scriptedModel, stepsOf, testRun, unique } from "./ai-helpers";

/** trigger → a review (no due date: nothing else will wake the run) → a slow AI step → end. */
function reviewThenSlowStep(userId: string) {
  return {
    nodes: [
      node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] }),
      node("r", "human.review", { title: "Check the deal", assignee: { userId } }),
      node("x", "ai.transform", { instruction: "Extract", input: "{{deal.name}}", fields: [{ key: "seats", type: "number", description: "seats" }] }),
      node("done", "end", {}),
    ],
    edges: [edge("t", "r"), edge("r", "x", "done"), edge("r", "done", "timeout"), edge("x", "done")],
  };
}

const until = async (check: () => Promise<boolean>, ms = 5_000) => {
  for (const t0 = Date.now(); Date.now() - t0 < ms; ) {
    if (await check()) return true;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return false;
};

describe("a run whose object dies inside a step", () => {
  it("a step a task completion started comes back by itself: the alarm is armed before the step runs", async () => {
    const { cookie, user } = await signedIn();
    // The first answer is slow (the object dies while waiting for it); the resumed attempt gets the second.
    const model = await scriptedModel(cookie, "crash", [
      { delayMs: 1500, content: { seats: 4 } },
      { content: { seats: 5 } },
    ]);
    const wf = await createWorkflow(cookie, reviewThenSlowStep(user.id));
    const runId = await testRun(cookie, wf, sampleDeal({ objectId: unique("crash") }));
    expect((await drive(cookie, runId)).status).toBe("paused");
    // Nothing is due while the run waits for a person.
    expect(await runInDurableObject(stubOf(runId), (_o, state) => state.storage.getAlarm())).toBeNull();

    // The person's answer starts the slow step; the object is thrown away while the step waits.
    const completion = stubOf(runId).submitTask("r", { by: { id: user.id, name: user.name, email: user.email } });
    completion.catch(() => undefined);
    expect(await until(async () => (await aiRequests(model)).length === 1)).toBe(true);
    await runInDurableObject(stubOf(runId), (_o, state) => state.abort("simulated crash")).catch(() => undefined);
    await expect(completion).rejects.toThrow();

    // A fresh object finds the attempt pending and an alarm that will bring it back.
    const alarm = await runInDurableObject(stubOf(runId), (_o, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm! - Date.now()).toBeLessThanOrEqual(30_000);
    await runDurableObjectAlarm(stubOf(runId));
    await stubOf(runId).idle();

    const run = await getRun(cookie, runId);
    expect(run.status).toBe("completed");
    // The interrupted attempt is finished, not journaled twice; its output is the resumed answer.
    expect(stepsOf(run, "x")).toEqual([expect.objectContaining({ status: "completed", output: expect.objectContaining({ seats: 5 }) })]);
    expect(stepsOf(run, "r")).toHaveLength(1);
    // The index follows, and nothing is left to wake the run.
    expect(await db().select().from(schema.runs).where(eq(schema.runs.id, runId)).get()).toMatchObject({ status: "completed" });
    expect(await runInDurableObject(stubOf(runId), (_o, state) => state.storage.getAlarm())).toBeNull();
  });
});
