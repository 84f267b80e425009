import { describe, expect, it } from "vitest";
import { nodeTypes } from "../../../durable/registry";
import { createFakeServices } from "../helpers/fake-services";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const byRules = {
  rules: [{ combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 100000 }], templateId: "tpl-enterprise" }],
  defaultTemplateId: "tpl-standard",
};
const account = { id: "acct-1", name: "Brightline" };

describe("action.apply_template", () => {
  it("applies a fixed template with a plan dated in business days from today", async () => {
    const { outcome, fake } = await runNode("action.apply_template", { templateId: "tpl-enterprise" }, { account });
    const next = expectKind(outcome, "next");
    expect(fake.calls.applied).toHaveLength(1);
    expect(fake.calls.applied[0]).toMatchObject({ accountId: "acct-1", startDate: "2026-04-01", template: { id: "tpl-enterprise" } });
    expect(fake.calls.applied[0].plan).toEqual([
      { milestone: "Kickoff", dueAt: "2026-04-06", day: 3, tasks: [{ title: "Kickoff call", owner: "csm", dueAt: "2026-04-06", day: 3 }, { title: "Share admin list", owner: "customer", dueAt: "2026-04-08", day: 5 }] },
      { milestone: "Go-live", dueAt: "2026-05-13", day: 30, tasks: [{ title: "SSO configured", owner: "customer", dueAt: "2026-04-29", day: 20 }] },
    ]);
    expect(next.output).toMatchObject({ templateId: "tpl-enterprise", matched: "fixed", milestones: 2, tasks: 3, lastDueAt: "2026-05-13" });
    expect(next.set).toEqual({ "account.template": { id: "tpl-enterprise", name: "Enterprise onboarding" }, "account.startDate": "2026-04-01" });
  });

  it("starts a plan applied on a weekend on the Monday after", async () => {
    const saturday = Date.parse("2026-04-04T10:00:00Z");
    const fake = createFakeServices({}, { now: saturday });
    const { outcome } = await runNode("action.apply_template", { templateId: "tpl-enterprise" }, { account }, {}, fake);
    const next = expectKind(outcome, "next");
    expect(fake.calls.applied[0]).toMatchObject({ startDate: "2026-04-06" });
    expect((fake.calls.applied[0].plan as { dueAt: string }[])[0].dueAt).toBe("2026-04-09");
    expect(next.set).toMatchObject({ "account.startDate": "2026-04-06" });
  });

  it("dates the plan around the workspace's holidays", async () => {
    // Wednesday 1 April 2026; Friday 3 and Monday 6 April (Easter) are holidays.
    const fake = createFakeServices({ holidays: ["2026-04-03", "2026-04-06"] });
    const { outcome } = await runNode("action.apply_template", { templateId: "tpl-enterprise" }, { account }, {}, fake);
    expectKind(outcome, "next");
    const [kickoff] = fake.calls.applied[0].plan as { dueAt: string; tasks: { dueAt: string }[] }[];
    // Day 3 is Wednesday 8 April instead of Monday 6; day 5 is Friday 10 instead of Wednesday 8.
    expect(kickoff.dueAt).toBe("2026-04-08");
    expect(kickoff.tasks.map((t) => t.dueAt)).toEqual(["2026-04-08", "2026-04-10"]);
  });

  it("chooses by rules, else the default", async () => {
    const big = await runNode("action.apply_template", byRules, { account, deal: sampleDeal({ arr: 150000 }) });
    expect(expectKind(big.outcome, "next").output).toMatchObject({ templateId: "tpl-enterprise", matched: 0 });
    const small = await runNode("action.apply_template", byRules, { account, deal: sampleDeal() });
    expect(expectKind(small.outcome, "next").output).toMatchObject({ templateId: "tpl-standard", matched: "default" });
  });

  it("fails without retries when there is no account or the template is gone", async () => {
    expect((await runNode("action.apply_template", { templateId: "tpl-standard" }, {})).outcome).toMatchObject({ retryable: false, error: { code: "no_account" } });
    expect((await runNode("action.apply_template", { templateId: "gone" }, { account })).outcome).toMatchObject({ retryable: false, error: { code: "template_not_found" } });
  });

  it("needs a fixed template or rules with a default", () => {
    const schema = nodeTypes.get("action.apply_template")!.config;
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ templateId: "a", defaultTemplateId: "b" }).success).toBe(false);
    expect(schema.safeParse({ rules: byRules.rules }).success).toBe(false);
    expect(schema.safeParse(byRules).success).toBe(true);
    expect(schema.safeParse({ defaultTemplateId: "b" }).success).toBe(true);
  });
});
