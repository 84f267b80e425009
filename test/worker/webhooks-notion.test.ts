import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { call, db, expectErrorShape, signedIn } from "./helpers";
import { drive } from "./run-helpers";
import { schema } from "../../worker/db/client";
import handshakeBody from "../fixtures/notion/verification-request.json?raw";
import propertiesUpdated from "../fixtures/notion/page-properties-updated.json?raw";
import pageCreated from "../fixtures/notion/page-created.json?raw";
import { activeWorkflow, createConnector, DATABASE_ID, events, notionSignature, postNotion, runsOf } from "./crm-helpers";

const TOKEN = JSON.parse(handshakeBody).verification_token as string;
const statusTrigger = (connectorId: string, values = ["Ready for onboarding"], statusProperty?: string) => ({
  type: "trigger.notion",
  config: { connectorId, databaseId: DATABASE_ID, event: "status_changed", values, ...(statusProperty ? { statusProperty } : {}) },
});

/** A Notion connector that has completed the verification handshake. */
async function verified() {
  const { cookie } = await signedIn("admin");
  const c = await createConnector(cookie, "notion");
  const r = await postNotion(c.id, handshakeBody, null);
  expect(r.status, r.text).toBe(200);
  return { cookie, c };
}

describe("Notion webhook: verification handshake", () => {
  it("keeps the token encrypted, shows it to the admin, and logs the handshake", async () => {
    const { cookie, c } = await verified();
    const row = await db().select().from(schema.connectors).where(eq(schema.connectors.id, c.id)).get();
    expect(row!.verificationTokenEnc).toBeTruthy();
    expect(row!.verificationTokenEnc).not.toContain(TOKEN);
    const shown = await call(`/api/connectors/${c.id}/verification-token`, { cookie });
    expect(shown.json).toEqual({ token: TOKEN });
    const view = await call(`/api/connectors/${c.id}`, { cookie });
    expect(view.json.verification).toEqual({ received: true, tokenHint: `${TOKEN.slice(0, 4)}…${TOKEN.slice(-4)}` });
    expect(view.text).not.toContain(TOKEN);
    expect((await events(cookie, c.id))[0]).toMatchObject({ type: "verification", outcome: "ignored" });
    // The same handshake again is harmless.
    expect((await postNotion(c.id, handshakeBody, null)).status).toBe(200);
  });

  it("refuses a different token once one is set, until the admin resets it", async () => {
    const { cookie, c } = await verified();
    const other = JSON.stringify({ verification_token: "secret_someoneElsesToken000000000000000000000" });
    const r = await postNotion(c.id, other, null);
    expect(r.status).toBe(409);
    expectErrorShape(r.json);
    expect((await call(`/api/connectors/${c.id}/verification-token`, { cookie })).json.token).toBe(TOKEN);
    expect((await call(`/api/connectors/${c.id}/verification-token`, { cookie, method: "DELETE" })).status).toBe(204);
    expect((await postNotion(c.id, other, null)).status).toBe(200);
    expect((await call(`/api/connectors/${c.id}/verification-token`, { cookie })).json.token).toContain("someoneElses");
  });
});

describe("Notion webhook: signed events", () => {
  it("a status change to a trigger value starts a run that reads the page", async () => {
    const { cookie, c } = await verified();
    const wf = await activeWorkflow(cookie, statusTrigger(c.id, ["Ready for onboarding"], "Status"));
    const r = await postNotion(c.id, propertiesUpdated, TOKEN);
    expect(r.status, r.text).toBe(200);
    expect(r.json.events[0]).toMatchObject({ outcome: "started", eventKey: "notion:7bbb50f3-f60d-4148-8991-8392768f3b76" });
    const runs = await runsOf(cookie, wf);
    expect(runs).toHaveLength(1);
    const run = await drive(cookie, runs[0].id);
    expect(run.status, JSON.stringify(run.steps)).toBe("completed");
    expect(run.data.deal).toMatchObject({ source: "notion", name: "Lumenfield Robotics", arr: 36000, stage: "Ready for onboarding" });
  });

  it("a status that is not a trigger value is ignored with the page's current status as the reason", async () => {
    const { cookie, c } = await verified();
    const wf = await activeWorkflow(cookie, statusTrigger(c.id, ["Onboarded"]));
    const r = await postNotion(c.id, propertiesUpdated, TOKEN);
    expect(r.json.events[0].outcome).toBe("ignored");
    expect(r.json.events[0].reason).toContain("status “Ready for onboarding” is not one of “Onboarded”");
    expect(await runsOf(cookie, wf)).toHaveLength(0);
  });

  it("page.created starts a page.created workflow; the same event again is a duplicate", async () => {
    const { cookie, c } = await verified();
    const wf = await activeWorkflow(cookie, { type: "trigger.notion", config: { connectorId: c.id, databaseId: DATABASE_ID, event: "page.created" } });
    expect((await postNotion(c.id, pageCreated, TOKEN)).json.events[0].outcome).toBe("started");
    expect((await postNotion(c.id, pageCreated, TOKEN)).json.events[0].outcome).toBe("duplicate");
    expect(await runsOf(cookie, wf)).toHaveLength(1);
  });

  it("a tampered body, a wrong token and a missing signature are 401; nothing starts", async () => {
    const { cookie, c } = await verified();
    const wf = await activeWorkflow(cookie, statusTrigger(c.id));
    const tampered = await call(`/webhooks/notion/${c.id}`, {
      rawBody: propertiesUpdated.replace("Northwind", "Southwind"),
      headers: { "x-notion-signature": notionSignature({ verificationToken: TOKEN, body: propertiesUpdated }) },
    });
    const wrong = await postNotion(c.id, propertiesUpdated, "secret_notTheToken");
    const missing = await postNotion(c.id, propertiesUpdated, null);
    expect([tampered.status, wrong.status, missing.status]).toEqual([401, 401, 401]);
    for (const r of [tampered, wrong, missing]) expectErrorShape(r.json);
    expect(await runsOf(cookie, wf)).toHaveLength(0);
  });

  it("events before the handshake cannot be verified (401); malformed JSON is a 400; unknown connector 404", async () => {
    const { cookie } = await signedIn("admin");
    const c = await createConnector(cookie, "notion");
    expect((await postNotion(c.id, propertiesUpdated, TOKEN)).status).toBe(401);
    await postNotion(c.id, handshakeBody, null);
    const bad = await postNotion(c.id, "{not json", TOKEN);
    expect(bad.status).toBe(400);
    expectErrorShape(bad.json);
    expect((await events(cookie, c.id)).some((e) => e.outcome === "started")).toBe(false);
    expect((await postNotion("con_unknown", propertiesUpdated, TOKEN)).status).toBe(404);
  });
});
