import { describe, expect, it } from "vitest";
import { complete } from "../helpers/complete";
import { NOW } from "../helpers/fake-services";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const config = {
  title: "Approve onboarding for {{deal.company.name}}",
  instructions: "ARR {{deal.arr}} — owner {{deal.owner.name}}",
  assignee: { email: "{{deal.owner.email}}" },
  dueInHours: 48,
  remindEveryHours: 12,
  escalateAfterHours: 24,
  escalateTo: { poolId: "managers" },
};

describe("human.approval", () => {
  it("opens an approval task with rendered texts, assignee and due time", async () => {
    const { outcome } = await runNode("human.approval", config, { deal: sampleDeal() });
    const wait = expectKind(outcome, "wait_task");
    expect(wait.task).toEqual({
      kind: "approval",
      title: "Approve onboarding for Brightline Analytics",
      instructions: "ARR 48000 — owner Jordan Reyes",
      assignee: { email: "jordan.reyes@example.com" },
      dueAt: NOW + 48 * 3_600_000,
      remindEveryHours: 12,
      escalateAfterHours: 24,
      escalateTo: { poolId: "managers" },
    });
    expect(wait.output).toMatchObject({ dueAt: "2026-04-03T09:00:00.000Z", missing: [] });
  });

  it("has no due time unless configured, and reports missing paths", async () => {
    const { outcome } = await runNode("human.approval", { title: "Approve {{deal.nothing}}", assignee: { userId: "u1" } }, {});
    const wait = expectKind(outcome, "wait_task");
    expect(wait.task.dueAt).toBeNull();
    expect(wait.task.title).toBe("Approve");
    expect(wait.output).toMatchObject({ missing: ["deal.nothing"] });
  });

  it("fails without retries when the e-mail assignee renders to no address", async () => {
    const { outcome } = await runNode("human.approval", config, {});
    expect(outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "invalid_recipient" } });
  });

  it("maps approve → approved, reject → rejected, timeout → timeout", () => {
    expect(complete("human.approval", config, { decision: "approve", comment: "ok", by: { id: "u1", name: "Ana" } })).toEqual({
      ok: true,
      port: "approved",
      output: { decision: "approved", comment: "ok", decidedBy: { id: "u1", name: "Ana", email: null } },
    });
    expect(complete("human.approval", config, { decision: "reject" })).toMatchObject({ ok: true, port: "rejected", output: { decision: "rejected" } });
    expect(complete("human.approval", config, { timedOut: true })).toEqual({ ok: true, port: "timeout", output: { timedOut: true, at: "2026-04-01T09:00:00.000Z" } });
  });

  it("refuses a completion without a decision", () => {
    expect(complete("human.approval", config, { comment: "hmm" })).toEqual({ ok: false, errors: [{ path: "decision", message: 'Choose "approve" or "reject"' }] });
  });
});
