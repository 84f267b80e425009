import { describe, expect, it } from "vitest";
import { call, signedIn } from "./helpers";
import { createWorkflow, drive, edge, node, sampleDeal } from "./run-helpers";
import { chooseEmail, liveRun, testRun, unique } from "./ai-helpers";

const welcome = {
  nodes: [
    node("t", "trigger.hubspot", { connectorId: "conn_demo", stageIds: ["closedwon"] }),
    node("m", "action.send_email", { to: "{{deal.primaryContact.email}}", subject: "Welcome, {{deal.company.name}}", body: "Hello {{deal.primaryContact.name}}." }),
    node("done", "end", {}),
  ],
  edges: [edge("t", "m"), edge("m", "done")],
};

const dealFor = (company: string) =>
  sampleDeal({ objectId: unique("obj"), primaryContact: { name: "Maya Okafor", email: `${unique("mail")}@brightline.example.com` }, company: { ...sampleDeal().company, name: company } });

const outboxOf = async (cookie: string, runId: string) => {
  const r = await call(`/api/outbox?runId=${runId}`, { cookie });
  expect(r.status, r.text).toBe(200);
  return r.json.items as any[];
};

describe("GET /api/outbox", () => {
  it("names each e-mail's run by its workflow and record, and its sender: EMAIL_FROM when the HTTP provider sent it, none when only the outbox kept it", async () => {
    const { cookie } = await signedIn();
    const wf = await createWorkflow(cookie, welcome, "Welcome mail");

    const kept = await testRun(cookie, wf, dealFor("Quillmark Studios"));
    expect((await drive(cookie, kept)).status).toBe("completed");
    const [test] = await outboxOf(cookie, kept);
    expect(test).toMatchObject({ provider: "outbox", mode: "test", from: null, run: { id: kept, workflowId: wf, workflowName: "Welcome mail", subject: { connector: "hubspot", name: "Quillmark Studios" } } });
    expect(test).not.toHaveProperty("idempotencyKey");

    await chooseEmail(cookie, "http");
    const live = await liveRun(cookie, wf, dealFor("Ferncastle Labs"));
    await live.start();
    expect((await drive(cookie, live.runId)).status).toBe("completed");
    await chooseEmail(cookie, "outbox");
    const [sent] = await outboxOf(cookie, live.runId);
    expect(sent).toMatchObject({ provider: "http", mode: "live", from: "Onboarding Team <onboarding@app.example.com>", run: { workflowName: "Welcome mail", subject: { name: "Ferncastle Labs" } } });
    expect(sent.providerMessageId).toEqual(expect.any(String));
  });
});
