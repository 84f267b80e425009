import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../worker/db/client";
import { call, db, expectErrorShape, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, sampleDeal } from "./run-helpers";

const trigger = node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] });
const fields = [
  { key: "kickoff_date", label: "Preferred kickoff date", type: "date", required: true, notBefore: "today" },
  { key: "close_date", label: "Signed on", type: "date" },
  { key: "champion", label: "Champion", type: "text", maxLength: 80 },
  { key: "notes", label: "Anything else", type: "textarea" },
];

/** A handoff waiting for its answers, and the token of its link (read from the e-mail the outbox kept). */
async function handoffLink(cookie: string) {
  const wf = await createWorkflow(cookie, {
    nodes: [trigger, node("h", "human.handoff", { title: "Handoff", recipient: "{{deal.owner.email}}", fields }), node("e", "end"), node("e2", "end")],
    edges: [edge("t", "h"), edge("h", "e", "done"), edge("h", "e2", "timeout")],
  });
  const r = await call(`/api/workflows/${wf}/test`, { cookie, body: { deal: sampleDeal() } });
  expect(r.status, r.text).toBe(201);
  const runId = r.json.runId as string;
  expect((await drive(cookie, runId)).status).toBe("paused");
  const [mail] = await db().select().from(schema.outboxEmails).where(eq(schema.outboxEmails.runId, runId));
  return { runId, token: /\/forms\/([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]! };
}

describe("external handoff form: past dates and text limits", () => {
  it("refuses a past kickoff date and over-long text with 422 details per field, keeps the link open, then takes good answers", async () => {
    const { cookie } = await signedIn("admin");
    const { runId, token } = await handoffLink(cookie);

    // The form tells the page the limits it enforces.
    const view = await call(`/api/forms/${token}`);
    expect(view.status).toBe(200);
    expect(view.json.fields).toEqual(expect.arrayContaining([expect.objectContaining({ key: "kickoff_date", notBefore: "today" }), expect.objectContaining({ key: "champion", maxLength: 80 })]));

    const yesterday = new Date(Date.now() - 36 * 3_600_000).toISOString().slice(0, 10);
    const bad = await call(`/api/forms/${token}`, { body: { data: { kickoff_date: yesterday, close_date: "2020-01-31", champion: "c".repeat(81), notes: "n".repeat(5001) } } });
    expect(bad.status, bad.text).toBe(422);
    expectErrorShape(bad.json);
    expect(bad.json.error.code).toBe("validation_failed");
    expect(bad.json.error.details).toEqual([
      { path: "kickoff_date", message: "Preferred kickoff date can't be in the past: choose today or a later day" },
      { path: "champion", message: "Champion must be at most 80 characters" },
      { path: "notes", message: "Anything else must be at most 5,000 characters" },
    ]);
    // Text that is not text, and a malformed date, are 422 too, never 500.
    const odd = await call(`/api/forms/${token}`, { body: { data: { kickoff_date: "next week", champion: { a: 1 }, notes: ["x"] } } });
    expect(odd.status, odd.text).toBe(422);
    expect(odd.json.error.details.map((d: any) => d.path)).toEqual(["kickoff_date", "champion", "notes"]);

    // The refusals used nothing up: the link still opens, and good answers go through.
    expect((await call(`/api/forms/${token}`)).status).toBe(200);
    const good = await call(`/api/forms/${token}`, { body: { data: { kickoff_date: "2099-03-02", close_date: "2020-01-31", champion: "c".repeat(80), notes: "n".repeat(5000) } } });
    expect(good.status, good.text).toBe(200);
    const run = await drive(cookie, runId);
    expect(run.status).toBe("completed");
    expect(run.data.steps.h.data).toMatchObject({ kickoff_date: "2099-03-02", champion: "c".repeat(80) });
  });

  it("a handoff can only be published with limits its fields can take", async () => {
    const { cookie } = await signedIn("admin");
    const wf = await createWorkflow(cookie, {
      nodes: [trigger, node("h", "human.handoff", { title: "Handoff", recipient: "ae@example.com", fields: [{ key: "n", label: "N", type: "number", notBefore: "today" }] }), node("e", "end"), node("e2", "end")],
      edges: [edge("t", "h"), edge("h", "e", "done"), edge("h", "e2", "timeout")],
    });
    const r = await call(`/api/workflows/${wf}/publish`, { cookie, body: {} });
    expect(r.status, r.text).toBe(422);
    expectErrorShape(r.json);
    expect(r.json.error.details).toEqual([expect.objectContaining({ nodeId: "h", path: expect.stringContaining("notBefore") })]);
  });
});
