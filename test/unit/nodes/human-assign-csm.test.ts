import { describe, expect, it } from "vitest";
import { complete } from "../helpers/complete";
import { expectKind, runNode } from "../helpers/run-node";

const config = { title: "Assign a CSM to {{account.name}}", assignee: { poolId: "leads" }, poolId: "general", dueInHours: 24 };

describe("human.assign_csm", () => {
  it("queues an assignment task asking for a user", async () => {
    const { outcome } = await runNode("human.assign_csm", config, { account: { id: "a1", name: "Brightline" } });
    const wait = expectKind(outcome, "wait_task");
    expect(wait.task).toMatchObject({ kind: "assignment", title: "Assign a CSM to Brightline", assignee: { poolId: "leads" } });
    expect(wait.task.fields).toEqual([{ key: "userId", label: "CSM", type: "user", required: true, poolId: "general" }]);
    expect(wait.output).toMatchObject({ poolId: "general" });
  });

  it("outputs csmId and sets run data csm when the caller passes the user", () => {
    const csm = { id: "u7", name: "Ana Lima", email: "ana@example.com" };
    expect(complete("human.assign_csm", config, { data: { userId: "u7" }, csm })).toEqual({
      ok: true,
      port: "done",
      output: { csmId: "u7", csm, comment: null, assignedBy: null },
      set: { csm },
    });
    expect(complete("human.assign_csm", config, { data: { userId: "u7" } })).toMatchObject({ ok: true, output: { csmId: "u7", csm: null } });
  });

  it("needs a CSM, and times out on timeout", () => {
    expect(complete("human.assign_csm", config, { data: {} })).toEqual({ ok: false, errors: [{ path: "userId", message: "Choose a CSM" }] });
    expect(complete("human.assign_csm", config, { timedOut: true })).toMatchObject({ ok: true, port: "timeout" });
  });
});
