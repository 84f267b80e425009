import { describe, expect, it } from "vitest";
import { complete } from "../helpers/complete";
import { NOW } from "../helpers/fake-services";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const config = {
  title: "Handoff for {{deal.company.name}}",
  recipient: "{{deal.owner.email}}",
  fields: [
    { key: "kickoff_date", label: "Kickoff", type: "date", required: true },
    { key: "needs_sso", label: "Needs SSO", type: "checkbox" },
  ],
};

describe("human.handoff", () => {
  it("sends the form to the rendered recipient with a 72 h link by default", async () => {
    const { outcome } = await runNode("human.handoff", config, { deal: sampleDeal() });
    const wait = expectKind(outcome, "wait_task");
    expect(wait.task).toEqual({
      kind: "handoff",
      title: "Handoff for Brightline Analytics",
      assignee: { email: "jordan.reyes@example.com" },
      recipient: "jordan.reyes@example.com",
      fields: config.fields,
      expiresAt: NOW + 72 * 3_600_000,
      dueAt: NOW + 72 * 3_600_000,
    });
    expect(wait.output).toMatchObject({ recipient: "jordan.reyes@example.com", expiresAt: "2026-04-04T09:00:00.000Z" });
  });

  it("honours expiresInHours", async () => {
    const { outcome } = await runNode("human.handoff", { ...config, expiresInHours: 24 }, { deal: sampleDeal() });
    expect(expectKind(outcome, "wait_task").task.expiresAt).toBe(NOW + 24 * 3_600_000);
  });

  it("fails without retries when there is no recipient address", async () => {
    const { outcome } = await runNode("human.handoff", config, { deal: sampleDeal({ owner: { name: null, email: null } }) });
    expect(outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "invalid_recipient", message: expect.stringMatching(/deal\.owner\.email/) } });
  });

  it("validates the answers on done and times out on timeout", () => {
    expect(complete("human.handoff", config, { data: { kickoff_date: "2026-04-15", needs_sso: true } })).toMatchObject({
      ok: true,
      port: "done",
      output: { data: { kickoff_date: "2026-04-15", needs_sso: true } },
    });
    expect(complete("human.handoff", config, { data: {} })).toMatchObject({ ok: false, errors: [{ path: "kickoff_date" }] });
    expect(complete("human.handoff", config, { timedOut: true })).toMatchObject({ ok: true, port: "timeout" });
  });
});
