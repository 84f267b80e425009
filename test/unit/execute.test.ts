import { describe, expect, it } from "vitest";
import { completeTask, executeNode, failureFromError, stepInput } from "../../durable/execute";
import type { Definition } from "../../durable/graph";
import { NodeError, type RunData } from "../../durable/types";
import { createFakeServices, NOW } from "./helpers/fake-services";
import { TRIGGER } from "./helpers/run-node";
import { sampleDeal } from "./helpers/sample-data";

const def: Definition = {
  nodes: [
    TRIGGER,
    { id: "mail", type: "action.send_email", position: { x: 1, y: 0 }, config: { to: "{{deal.primaryContact.email}}", subject: "Hi {{deal.company.name}}", body: "x" } },
    { id: "check", type: "logic.condition", position: { x: 1, y: 0 }, config: { combine: "all", rules: [{ field: "deal.arr", op: "gt", value: 1 }] } },
    { id: "bad", type: "logic.condition", position: { x: 1, y: 0 }, config: { combine: "sometimes" } },
    { id: "odd", type: "ghost.type", position: { x: 1, y: 0 }, config: {} },
    { id: "wait", type: "human.approval", position: { x: 1, y: 0 }, config: { title: "t", assignee: { userId: "u" } } },
  ],
  edges: [],
};
const data: RunData = { steps: {}, deal: sampleDeal() };

describe("executeNode", () => {
  it("runs a node with its parsed config on a copy of the data", async () => {
    const fake = createFakeServices();
    const copy = structuredClone(data);
    const outcome = await executeNode(def, "check", data, fake.services);
    expect(outcome).toMatchObject({ kind: "next", port: "true" });
    expect(data).toEqual(copy);
  });

  it("turns unknown nodes, unknown types and invalid configs into final failures", async () => {
    const { services } = createFakeServices();
    expect(await executeNode(def, "nope", data, services)).toMatchObject({ kind: "fail", retryable: false, error: { code: "unknown_node" } });
    expect(await executeNode(def, "odd", data, services)).toMatchObject({ kind: "fail", retryable: false, error: { code: "unknown_node_type" } });
    expect(await executeNode(def, "bad", data, services)).toMatchObject({ kind: "fail", retryable: false, error: { code: "invalid_config", message: expect.stringMatching(/combine/) } });
  });

  it("turns thrown errors into fail outcomes: NodeError keeps its flag, others retry as internal_error", () => {
    expect(failureFromError(new NodeError("nope", "bad_input", false))).toEqual({ kind: "fail", error: { message: "nope", code: "bad_input" }, retryable: false });
    expect(failureFromError(new NodeError("slow", "rate_limited", true, 500))).toEqual({ kind: "fail", error: { message: "slow", code: "rate_limited" }, retryable: true, retryAfterMs: 500 });
    expect(failureFromError(new Error("boom"))).toEqual({ kind: "fail", error: { message: "boom", code: "internal_error" }, retryable: true });
    expect(failureFromError("text")).toMatchObject({ error: { message: "text", code: "internal_error" } });
    const foreign = Object.assign(new Error("other bundle"), { name: "NodeError", code: "x", retryable: false });
    expect(failureFromError(foreign)).toMatchObject({ retryable: false, error: { code: "x" } });
  });
});

describe("completeTask", () => {
  it("delegates to the human node and refuses other nodes", () => {
    expect(completeTask(def, "wait", data, { decision: "approve" }, NOW)).toMatchObject({ ok: true, port: "approved" });
    expect(completeTask(def, "check", data, { decision: "approve" }, NOW)).toEqual({ ok: false, errors: [{ path: "", message: "This step is not waiting for a person" }] });
    expect(completeTask(def, "nope", data, {}, NOW).ok).toBe(false);
  });
});

describe("stepInput", () => {
  it("journals the config and the values it refers to", () => {
    expect(stepInput(def, "mail", data)).toEqual({
      config: def.nodes[1].config,
      values: { "deal.primaryContact.email": "maya.okafor@brightline.example.com", "deal.company.name": "Brightline Analytics" },
    });
    expect(stepInput(def, "check", data).values).toEqual({ "deal.arr": 48000 });
    expect(stepInput(def, "nope", data)).toEqual({ config: {}, values: {} });
  });
});
