import { describe, expect, it } from "vitest";
import { complete } from "../helpers/complete";
import { expectKind, runNode } from "../helpers/run-node";

const fields = [
  { key: "seats", label: "Seats", type: "number", required: true },
  { key: "region", label: "Region", type: "select", options: ["EMEA", "NA"] },
];
const config = { title: "Onboarding details", assignee: { userId: "u1" }, fields, saveAs: "onboarding.details" };

describe("human.form", () => {
  it("opens a form task with the fields", async () => {
    const { outcome } = await runNode("human.form", config, {});
    expect(expectKind(outcome, "wait_task").task).toMatchObject({ kind: "form", title: "Onboarding details", assignee: { userId: "u1" }, fields });
  });

  it("validates answers and saves them in the step and at saveAs", () => {
    const result = complete("human.form", config, { data: { seats: "12", region: "EMEA" }, by: { id: "u1" } });
    expect(result).toEqual({
      ok: true,
      port: "done",
      output: { data: { seats: 12, region: "EMEA" }, comment: null, submittedBy: { id: "u1", name: null, email: null } },
      set: { "onboarding.details": { seats: 12, region: "EMEA" } },
    });
    const { saveAs: _drop, ...plain } = config;
    expect(complete("human.form", plain, { data: { seats: 1 } })).not.toHaveProperty("set");
  });

  it("returns field errors for an invalid submission", () => {
    expect(complete("human.form", config, { data: { region: "APAC" } })).toEqual({
      ok: false,
      errors: [
        { path: "seats", message: "Seats is required" },
        { path: "region", message: 'Region "APAC" is not one of the options' },
      ],
    });
  });

  it("times out on the timeout port", () => {
    expect(complete("human.form", config, { timedOut: true })).toMatchObject({ ok: true, port: "timeout" });
  });
});
