import { describe, expect, it } from "vitest";
import { taskOutcome, type TaskRecord } from "../../durable/tasks";

const task = (over: Partial<TaskRecord> = {}): TaskRecord =>
  ({
    id: "qi_1",
    nodeId: "f",
    nodeName: null,
    kind: "form",
    title: "Kickoff details",
    instructions: null,
    status: "open",
    spec: {},
    assigneeId: null,
    poolId: null,
    assigneeEmail: null,
    routing: null,
    fields: [
      { key: "kickoff", label: "Kickoff date", type: "date" },
      { key: "modules", label: "Modules", type: "text" },
    ],
    dueAt: null,
    createdAt: 0,
    completedAt: null,
    completedBy: null,
    reminders: 0,
    escalated: false,
    resetClaim: false,
    context: {},
    ...over,
  }) as TaskRecord;

describe("taskOutcome", () => {
  it("labels the form's answers, drops keys the form does not ask for and bounds long values", () => {
    const o = taskOutcome(task(), "done", { data: { kickoff: "2026-12-01", modules: ["sso", "api"], sneaky: "x" }, by: { name: "Robin Patel" }, comment: "  ok  " });
    expect(o).toEqual({
      port: "done",
      by: "Robin Patel",
      decision: null,
      comment: "ok",
      csm: null,
      answers: [
        { key: "kickoff", label: "Kickoff date", value: "1 December 2026" },
        { key: "modules", label: "Modules", value: "sso, api" },
      ],
    });
    // A checkbox reads Yes/No, not true/false.
    expect(taskOutcome(task(), "done", { data: { modules: true } }).answers).toEqual([{ key: "modules", label: "Modules", value: "Yes" }]);
    expect(taskOutcome(task(), "done", { data: { modules: false } }).answers[0].value).toBe("No");
    const long = taskOutcome(task(), "done", { data: { modules: "m".repeat(600) } });
    expect(long.answers[0].value).toHaveLength(501);
  });

  it("records an approval's decision and a hand-picked CSM, with no answers for an assignment", () => {
    expect(taskOutcome(task({ kind: "approval", fields: null }), "rejected", { decision: "reject", comment: "Too deep a discount", by: { email: "m@example.com" } })).toMatchObject({
      port: "rejected",
      by: "m@example.com",
      decision: "reject",
      comment: "Too deep a discount",
    });
    const picked = taskOutcome(task({ kind: "assignment", fields: null }), "done", { data: { userId: "u_1" }, csm: { id: "u_1", name: "Casey" } });
    expect(picked).toMatchObject({ csm: { id: "u_1", name: "Casey" }, answers: [] });
  });
});
