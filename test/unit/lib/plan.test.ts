import { describe, expect, it } from "vitest";
import { buildPlan, planStartDay } from "../../../durable/lib/plan";
import { addBusinessDays, businessDaysBetween, isWeekend } from "../../../durable/lib/dates";
import { enterpriseTemplate } from "../helpers/sample-data";

describe("buildPlan", () => {
  it("dates milestones and tasks in business days from the start date", () => {
    // 2026-04-01 is a Wednesday: day 3 is Monday 6 April (not Saturday 4), day 30 six weeks on.
    expect(buildPlan(enterpriseTemplate, "2026-04-01")).toEqual([
      {
        milestone: "Kickoff",
        dueAt: "2026-04-06",
        day: 3,
        tasks: [
          { title: "Kickoff call", owner: "csm", dueAt: "2026-04-06", day: 3 },
          { title: "Share admin list", owner: "customer", dueAt: "2026-04-08", day: 5 },
        ],
      },
      { milestone: "Go-live", dueAt: "2026-05-13", day: 30, tasks: [{ title: "SSO configured", owner: "customer", dueAt: "2026-04-29", day: 20 }] },
    ]);
  });

  it("never puts a due date on a weekend, whatever the offset and start", () => {
    const template = { milestones: [{ name: "All", offsetDays: 0, tasks: Array.from({ length: 40 }, (_, i) => ({ title: `t${i}`, owner: "csm" as const, offsetDays: i })) }] };
    for (let d = 1; d <= 14; d++) {
      const start = `2026-06-${String(d).padStart(2, "0")}`;
      const plan = buildPlan(template, start);
      const days = plan[0].tasks.map((t) => t.dueAt);
      expect(days.filter(isWeekend)).toEqual([]);
      // Each next offset is the next business day: strictly increasing, one weekday apart.
      days.slice(1).forEach((day, i) => expect(businessDaysBetween(days[i], day)).toBe(1));
      expect(businessDaysBetween(planStartDay(start), days[39])).toBe(39);
    }
  });

  it("moves a weekend start to the next Monday", () => {
    const template = { milestones: [{ name: "Kickoff", offsetDays: 0, tasks: [{ title: "Call", owner: "csm" as const, offsetDays: 1 }] }] };
    // Saturday 4 and Sunday 5 April 2026 both start on Monday 6; day 1 is Tuesday 7.
    for (const start of ["2026-04-04", "2026-04-05", "2026-04-05T22:00:00Z"]) {
      expect(planStartDay(start)).toBe("2026-04-06");
      expect(buildPlan(template, start)).toEqual([{ milestone: "Kickoff", dueAt: "2026-04-06", day: 0, tasks: [{ title: "Call", owner: "csm", dueAt: "2026-04-07", day: 1 }] }]);
    }
    expect(planStartDay("2026-04-03")).toBe("2026-04-03");
  });

  it("uses the UTC day of a date-time start and handles day 0 and a new year", () => {
    const plan = buildPlan({ milestones: [{ name: "Now", offsetDays: 0, tasks: [] }] }, "2026-12-31T23:30:00Z");
    expect(plan).toEqual([{ milestone: "Now", dueAt: "2026-12-31", day: 0, tasks: [] }]);
    // Thursday 31 December 2026 + 2 business days is Monday 4 January 2027.
    expect(buildPlan({ milestones: [{ name: "Y", offsetDays: 2, tasks: [] }] }, "2026-12-31")[0].dueAt).toBe("2027-01-04");
  });

  it("skips the workspace's holidays like weekends, and starts after one", () => {
    const template = { milestones: [{ name: "Kickoff", offsetDays: 0, tasks: [{ title: "Call", owner: "csm" as const, offsetDays: 1 }, { title: "Admin list", owner: "customer" as const, offsetDays: 7 }] }] };
    // Thursday 24 December 2026; Friday 25 and Monday 28 are holidays, and so is Friday 1 January.
    const holidays = new Set(["2026-12-25", "2026-12-28", "2027-01-01"]);
    expect(buildPlan(template, "2026-12-24", holidays)).toEqual([
      {
        milestone: "Kickoff",
        dueAt: "2026-12-24",
        day: 0,
        tasks: [
          // Day 1 is Tuesday 29 (not the holiday Friday 25 nor Monday 28); day 7 is Thursday 7 January.
          { title: "Call", owner: "csm", dueAt: "2026-12-29", day: 1 },
          { title: "Admin list", owner: "customer", dueAt: "2027-01-07", day: 7 },
        ],
      },
    ]);
    // A plan applied on a holiday starts on the next business day.
    expect(planStartDay("2026-12-25", holidays)).toBe("2026-12-29");
    expect(addBusinessDays("2026-12-31", 1, holidays)).toBe("2027-01-04");
    // Without holidays nothing moves.
    expect(buildPlan(template, "2026-12-24")[0].tasks.map((t) => t.dueAt)).toEqual(["2026-12-25", "2027-01-04"]);
  });

  it("refuses a start that is not a date", () => {
    expect(() => buildPlan(enterpriseTemplate, "tomorrow")).toThrow(RangeError);
  });
});

describe("business days", () => {
  it("adds and counts Monday-to-Friday days", () => {
    expect(addBusinessDays("2026-04-03", 1)).toBe("2026-04-06"); // Friday + 1 = Monday
    expect(addBusinessDays("2026-04-03", 5)).toBe("2026-04-10");
    expect(addBusinessDays("2026-04-06", 4)).toBe("2026-04-10");
    expect(addBusinessDays("2026-04-06", 10)).toBe("2026-04-20");
    expect(businessDaysBetween("2026-04-06", "2026-04-03")).toBe(-1);
    expect(businessDaysBetween("2026-04-04", "2026-04-06")).toBe(0);
    expect(() => addBusinessDays("2026-04-06", -1)).toThrow(RangeError);
  });
});
