/**
 * The Send e-mail step's To and Cc: validation flags, entry by entry, the literal text that the run
 * would refuse to send to, and lets templates through (their value is only known at run time).
 */
import { describe, expect, it } from "vitest";
import { validateDefinition, type Definition } from "../../../durable/graph";
import { addressListProblem } from "../../../durable/lib/email-addresses";
import { runNode } from "../helpers/run-node";

describe("addressListProblem", () => {
  it("names the literal entry that is not an address", () => {
    expect(addressListProblem("maya@")).toBe("“maya@” is not an e-mail address");
    expect(addressListProblem("maya example.com")).toBe("“maya example.com” is not an e-mail address");
    expect(addressListProblem("maya@example")).toBe("“maya@example” is not an e-mail address");
    expect(addressListProblem("maya@@example.com")).toBe("“maya@@example.com” is not an e-mail address");
  });

  it("accepts addresses and templates, and checks a mixed list entry by entry", () => {
    expect(addressListProblem("maya@example.com")).toBeNull();
    expect(addressListProblem("{{deal.primaryContact.email}}")).toBeNull();
    expect(addressListProblem("{{csm.email}}; success@example.com, {{deal.owner.email}}")).toBeNull();
    expect(addressListProblem("{{deal.primaryContact.email | default: \"a@b.com, c@d.com\"}}")).toBeNull();
    expect(addressListProblem("{{csm.email}}, maya@, ops@example.com; bob")).toBe("“maya@” and “bob” are not e-mail addresses");
    expect(addressListProblem("x, y; z")).toBe("“x”, “y” and “z” are not e-mail addresses");
  });

  it("skips empty entries as the run does: a@b.com;; sends to a@b.com", async () => {
    expect(addressListProblem("a@b.com;;")).toBeNull();
    expect(addressListProblem(" , ")).toBeNull();
    const { fake } = await runNode("action.send_email", { to: "a@b.com;;", subject: "s", body: "b" }, {});
    expect(fake.calls.emails[0]).toMatchObject({ to: "a@b.com" });
  });

  it("shortens a long entry in the message", () => {
    expect(addressListProblem(`${"x".repeat(100)}`)).toBe(`“${"x".repeat(59)}…” is not an e-mail address`);
  });

  it("agrees with the run: what validation flags as text, the step refuses when a template renders it", async () => {
    for (const value of ["maya@", "maya example.com", "a@b.com, maya@"]) {
      expect(addressListProblem(value)).not.toBeNull();
      const rendered = await runNode("action.send_email", { to: "{{x}}", subject: "s", body: "b" }, { x: value });
      expect(rendered.outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "invalid_recipient" } });
      // Typed as text, a published version that predates this check fails before sending too.
      const typed = await runNode("action.send_email", { to: value, subject: "s", body: "b" }, {});
      expect(typed.outcome).toMatchObject({ kind: "fail", retryable: false, error: { message: expect.stringContaining("is not an e-mail address") } });
      expect([...rendered.fake.calls.emails, ...typed.fake.calls.emails]).toEqual([]);
    }
  });
});

describe("validating a workflow with a Send e-mail step", () => {
  const workflow = (config: Record<string, unknown>): Definition => ({
    nodes: [
      { id: "trigger", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: "c1", stageIds: ["closedwon"] } },
      { id: "mail", type: "action.send_email", position: { x: 200, y: 0 }, config: { subject: "Welcome", body: "Hi", ...config } },
    ],
    edges: [{ id: "e1", source: "trigger", target: "mail" }],
  });

  it("reports a literal To or Cc entry that is not an address at the field, in the inspector's words", () => {
    expect(validateDefinition(workflow({ to: "maya@", cc: "{{deal.owner.email}}; maya example.com" })).errors).toEqual([
      { nodeId: "mail", path: "nodes.1.config.to", message: "“maya@” is not an e-mail address" },
      { nodeId: "mail", path: "nodes.1.config.cc", message: "“maya example.com” is not an e-mail address" },
    ]);
  });

  it("accepts templates and addresses, and leaves a broken template to the template message alone", () => {
    expect(validateDefinition(workflow({ to: "{{deal.primaryContact.email}}", cc: "{{csm.email}}, ops@example.com" }))).toEqual({ valid: true, errors: [] });
    expect(validateDefinition(workflow({ to: "{{deal.primaryContact.email" })).errors).toEqual([
      { nodeId: "mail", path: "nodes.1.config.to", message: expect.stringMatching(/^Template: Unclosed tag/) },
    ]);
  });
});
