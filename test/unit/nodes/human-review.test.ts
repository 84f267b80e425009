import { describe, expect, it } from "vitest";
import { complete } from "../helpers/complete";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const config = { title: "Check {{deal.name}}", assignee: { poolId: "ops" }, dueInHours: 4, editableFields: ["deal.arr", "deal.segment", "account.vip"] };
const data = { deal: sampleDeal(), account: { id: "a1", vip: false } };

describe("human.review", () => {
  it("opens a review task listing the editable fields with their current values", async () => {
    const { outcome } = await runNode("human.review", config, data);
    const wait = expectKind(outcome, "wait_task");
    expect(wait.task.kind).toBe("review");
    expect(wait.task.fields).toEqual([
      { key: "deal.arr", label: "deal.arr", type: "number", value: 48000 },
      { key: "deal.segment", label: "deal.segment", type: "text", value: "Mid-Market" },
      { key: "account.vip", label: "account.vip", type: "checkbox", value: false },
    ]);
    expect(wait.output).toMatchObject({ editableFields: config.editableFields });
  });

  it("takes done and writes corrections back, keeping their types", () => {
    const result = complete("human.review", config, { data: { "deal.arr": "52000", "deal.segment": "Mid-Market", "account.vip": "true" }, comment: "fixed ARR" }, data);
    expect(result).toMatchObject({
      ok: true,
      port: "done",
      output: { comment: "fixed ARR", edited: { "deal.arr": 52000, "account.vip": true }, reviewedBy: null },
      set: { "deal.arr": 52000, "account.vip": true },
    });
  });

  it("accepts a review with no changes", () => {
    expect(complete("human.review", config, {}, data)).toMatchObject({ ok: true, port: "done", set: {} });
  });

  it("refuses fields that are not editable and values of the wrong type", () => {
    const result = complete("human.review", config, { data: { "deal.owner.email": "x@y.z", "deal.arr": "lots" } }, data);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "deal.owner.email", message: "This field cannot be edited in this review" },
        { path: "deal.arr", message: "deal.arr must be a number" },
      ],
    });
  });

  it("times out on the timeout port", () => {
    expect(complete("human.review", config, { timedOut: true }, data)).toMatchObject({ ok: true, port: "timeout" });
  });
});
