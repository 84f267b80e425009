import { describe, expect, it } from "vitest";
import { completeTask } from "../../durable/execute";
import { dealReadBeforeExtract, validateDefinition } from "../../durable/graph";
import { buildPresets, type PresetRefs } from "../../durable/presets";
import { createFakeServices, NOW } from "./helpers/fake-services";
import { drive, realExecutor } from "./helpers/drive";
import { member, sampleDeal } from "./helpers/sample-data";

const refs: Required<PresetRefs> = {
  hubspotConnectorId: "conn-hs",
  salesforceConnectorId: "conn-sf",
  notionConnectorId: "conn-notion",
  notionDatabaseId: "1f4e5c7a0b3d4f8e9a216c7d8e9f0a1b",
  seniorPoolId: "senior",
  generalPoolId: "general",
  enterpriseTemplateId: "tpl-enterprise",
  standardTemplateId: "tpl-standard",
  managerUserId: "manager",
};

const world = () =>
  createFakeServices({
    pools: {
      senior: { id: "senior", name: "Senior CSMs", members: [member("sam", { weight: 2 }), member("sue")] },
      general: { id: "general", name: "General pool", members: [member("ana"), member("ben")] },
    },
  });

describe("buildPresets", () => {
  it("fetch the deal before any step reads it, so each can be activated", () => {
    for (const p of buildPresets(refs)) expect(dealReadBeforeExtract(p.definition), p.id).toBeNull();
  });

  it("builds the four journeys with stable ids", () => {
    expect(buildPresets(refs).map((p) => p.id)).toEqual(["hubspot-closed-won", "salesforce-arr-routing", "notion-approval", "ae-handoff"]);
  });

  it.each(buildPresets(refs).map((p) => [p.id, p] as const))("%s validates with all refs", (_id, preset) => {
    expect(validateDefinition(preset.definition)).toEqual({ valid: true, errors: [] });
    expect(preset.name.length).toBeGreaterThan(0);
    expect(preset.description.length).toBeGreaterThan(0);
    for (const node of preset.definition.nodes) {
      expect(node.name?.length, node.id).toBeGreaterThan(0);
      expect(node.position.x).toBeGreaterThanOrEqual(0);
      expect(node.position.y).toBeGreaterThanOrEqual(0);
    }
    const spots = preset.definition.nodes.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(spots).size).toBe(spots.length); // no two nodes on top of each other
  });

  it("validates with the refs a workspace has, without a Notion database id", () => {
    const { notionDatabaseId: _drop, ...usual } = refs;
    for (const preset of buildPresets(usual)) expect(validateDefinition(preset.definition).errors, preset.id).toEqual([]);
  });

  it("without refs only the record ids are reported missing", () => {
    for (const preset of buildPresets()) {
      const { errors } = validateDefinition(preset.definition);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(e.path).toMatch(/\.config\.(connectorId|poolId|templateId|defaultTemplateId|rules\.0\.templateId|assignee(\.poolId)?)$/);
    }
  });
});

describe("presets run end to end", () => {
  const [hubspot, salesforce, notion, handoff] = buildPresets(refs);

  it("HubSpot Closed Won: queue assignment, template by ARR, welcome e-mail", async () => {
    const fake = world();
    const def = hubspot.definition;
    const first = await drive(def, { trigger: { objectId: 24587310912, propertyValue: "closedwon" } }, realExecutor(def, fake));
    expect(first.executed).toEqual(["trigger", "extract", "account", "assign"]);
    expect(first.state).toMatchObject({ status: "paused", waiting: { nodeId: "assign", kind: "task" } });
    const task = first.effects.find((e) => e.type === "open_task");
    expect(task).toMatchObject({ task: { kind: "assignment", title: "Assign a CSM to Brightline Analytics", assignee: { poolId: "general" } } });

    const done = completeTask(def, "assign", first.state.data, { data: { userId: "ana" }, csm: { id: "ana", name: "Ana", email: "ana@example.com" } }, NOW);
    if (!done.ok) throw new Error("completion refused");
    const second = await drive(def, first.state, realExecutor(def, fake), { type: "task_completed", nodeId: "assign", port: done.port, output: done.output, set: done.set });
    expect(second.executed).toEqual(["template", "welcome", "done"]);
    expect(second.state).toMatchObject({ status: "completed", outcome: { status: "completed" } });
    expect(fake.calls.applied[0].template.id).toBe("tpl-standard");
    expect(fake.calls.emails[0]).toMatchObject({ to: "maya.okafor@brightline.example.com", subject: "Welcome to onboarding, Brightline Analytics" });
    expect(fake.calls.emails[0].text).toContain("I'm Ana, your customer success manager");
  });

  it("HubSpot Closed Won: an unassigned account times out as failed", async () => {
    const def = hubspot.definition;
    const first = await drive(def, { trigger: { objectId: 1 } }, realExecutor(def, world()));
    const timeout = completeTask(def, "assign", first.state.data, { timedOut: true }, NOW);
    if (!timeout.ok) throw new Error("refused");
    const end = await drive(def, first.state, realExecutor(def, world()), { type: "task_completed", nodeId: "assign", port: timeout.port, output: timeout.output });
    expect(end.executed).toEqual(["unassigned"]);
    expect(end.state).toMatchObject({ status: "failed", outcome: { reason: "Nobody assigned a CSM before the due time" } });
  });

  it("Salesforce: enterprise ARR goes to the senior pool and the enterprise template", async () => {
    const fake = world();
    fake.world.deal = sampleDeal({ source: "salesforce", arr: 126000 });
    const run = await drive(salesforce.definition, { trigger: { sObject: { Id: "0065g00000Bq7XkAAJ" } } }, realExecutor(salesforce.definition, fake));
    expect(run.executed).toEqual(["trigger", "extract", "account", "is_enterprise", "assign_senior", "template_enterprise", "welcome", "done"]);
    expect(run.state.status).toBe("completed");
    expect(run.state.data.csm).toMatchObject({ id: "sam" });
    expect(fake.calls.applied[0].template.id).toBe("tpl-enterprise");
  });

  it("Salesforce: smaller deals go to the general pool; an empty pool falls back to a person", async () => {
    const fake = world();
    const run = await drive(salesforce.definition, { trigger: { Id: "1" } }, realExecutor(salesforce.definition, fake));
    expect(run.executed).toContain("assign_general");
    expect(run.executed).toContain("template_standard");
    const empty = world();
    empty.world.pools.general.members = [member("ana", { outOfOffice: true })];
    const parked = await drive(salesforce.definition, { trigger: { Id: "1" } }, realExecutor(salesforce.definition, empty));
    expect(parked.state).toMatchObject({ status: "paused", waiting: { nodeId: "pick_general" } });
  });

  it("Notion: approval, then assignment and onboarding; rejection notifies the AE", async () => {
    const def = notion.definition;
    const fake = world();
    const first = await drive(def, { trigger: { type: "page.created", entity: { id: "p1" } } }, realExecutor(def, fake));
    expect(first.state.waiting).toMatchObject({ nodeId: "approval", kind: "task" });
    expect(first.effects.find((e) => e.type === "open_task")).toMatchObject({ task: { assignee: { userId: "manager" } } });
    // The approver reads money as money, not "48000 USD".
    expect(first.effects.find((e) => e.type === "open_task")).toMatchObject({ task: { instructions: expect.stringContaining("ARR $48,000, segment Mid-Market.") } });

    const approve = completeTask(def, "approval", first.state.data, { decision: "approve" }, NOW);
    if (!approve.ok) throw new Error("refused");
    const approved = await drive(def, first.state, realExecutor(def, fake), { type: "task_completed", nodeId: "approval", port: approve.port, output: approve.output });
    expect(approved.executed).toEqual(["assign", "template", "welcome", "done"]);
    expect(approved.state.status).toBe("completed");

    const reject = completeTask(def, "approval", first.state.data, { decision: "reject", comment: "Duplicate entry" }, NOW);
    if (!reject.ok) throw new Error("refused");
    const rejectedFake = world();
    const rejected = await drive(def, first.state, realExecutor(def, rejectedFake), { type: "task_completed", nodeId: "approval", port: reject.port, output: reject.output });
    expect(rejected.executed).toEqual(["notify_ae", "rejected"]);
    expect(rejected.state).toMatchObject({ status: "completed", outcome: { reason: "Onboarding was not approved" } });
    expect(rejectedFake.calls.emails[0]).toMatchObject({ to: "jordan.reyes@example.com" });
    expect(rejectedFake.calls.emails[0].text).toContain("Comment from the approver: Duplicate entry");
  });

  it("AE handoff: the answers route SSO deals to senior CSMs and the enterprise template", async () => {
    const def = handoff.definition;
    const fake = world();
    const first = await drive(def, { trigger: { objectId: 1 } }, realExecutor(def, fake));
    expect(first.effects.find((e) => e.type === "open_task")).toMatchObject({ task: { kind: "handoff", recipient: "jordan.reyes@example.com" } });
    const answers = { kickoff_date: "2026-04-15", primary_goal: "Replace legacy tool", technical_contact: "it@brightline.example.com", needs_sso: true };
    const done = completeTask(def, "handoff", first.state.data, { data: answers }, NOW);
    if (!done.ok) throw new Error(JSON.stringify(done.errors));
    const rest = await drive(def, first.state, realExecutor(def, fake), { type: "task_completed", nodeId: "handoff", port: done.port, output: done.output });
    expect(rest.executed).toEqual(["route", "assign_senior", "template", "welcome", "done"]);
    expect(fake.calls.applied[0].template.id).toBe("tpl-enterprise");
    expect(fake.calls.emails[0]).toMatchObject({ cc: "jordan.reyes@example.com" });
    expect(fake.calls.emails[0].text).toContain("kick off on 15 April 2026");

    const plain = completeTask(def, "handoff", first.state.data, { data: { ...answers, needs_sso: false } }, NOW);
    if (!plain.ok) throw new Error("refused");
    const other = world();
    const standard = await drive(def, first.state, realExecutor(def, other), { type: "task_completed", nodeId: "handoff", port: plain.port, output: plain.output });
    expect(standard.executed).toEqual(["route", "assign_general", "template", "welcome", "done"]);
    expect(other.calls.applied[0].template.id).toBe("tpl-standard");
  });
});
