import { describe, expect, it } from "vitest";
import { buildPlan } from "../../../durable/lib/plan";
import { enterpriseTemplate } from "../helpers/sample-data";

describe("buildPlan", () => {
  it("dates milestones and tasks from the start date", () => {
    expect(buildPlan(enterpriseTemplate, "2026-04-01")).toEqual([
      {
        milestone: "Kickoff",
        dueAt: "2026-04-04",
        tasks: [
          { title: "Kickoff call", owner: "csm", dueAt: "2026-04-04" },
          { title: "Share admin list", owner: "customer", dueAt: "2026-04-06" },
        ],
      },
      { milestone: "Go-live", dueAt: "2026-05-01", tasks: [{ title: "SSO configured", owner: "customer", dueAt: "2026-04-21" }] },
    ]);
  });

  it("uses the UTC day of a date-time start and handles day 0", () => {
    const plan = buildPlan({ milestones: [{ name: "Now", offsetDays: 0, tasks: [] }] }, "2026-12-31T23:30:00Z");
    expect(plan).toEqual([{ milestone: "Now", dueAt: "2026-12-31", tasks: [] }]);
    expect(buildPlan({ milestones: [{ name: "Y", offsetDays: 1, tasks: [] }] }, "2026-12-31")[0].dueAt).toBe("2027-01-01");
  });

  it("refuses a start that is not a date", () => {
    expect(() => buildPlan(enterpriseTemplate, "tomorrow")).toThrow(RangeError);
  });
});
