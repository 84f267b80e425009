import { render, screen, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { PlanTimeline } from "../../web/components/plan-timeline/plan-timeline";

describe("plan timeline day numbers", () => {
  it("shows the business day a plan stored for each date, so holidays do not shift it; older plans count weekdays", () => {
    // Thursday 24 December 2026 start; 25 and 28 December were holidays when the plan was dated.
    const plan = [
      { milestone: "Kickoff", dueAt: "2026-12-24", day: 0, tasks: [{ title: "Call", owner: "csm" as const, dueAt: "2026-12-29", day: 1 }] },
      { milestone: "Older plan", dueAt: "2026-12-29", tasks: [{ title: "Undated", owner: "customer" as const, dueAt: "2026-12-29" }] },
    ];
    render(<PlanTimeline plan={plan} startDate="2026-12-24" label="Plan" />);
    const [kickoff, older] = within(screen.getByRole("list", { name: "Plan" })).getAllByRole("listitem").filter((li) => li.classList.contains("timeline__milestone"));
    expect(kickoff!.textContent).toContain("Day 0");
    expect(kickoff!.textContent).toContain("Day 1");
    // Without a stored day: Monday to Friday from the start, 29 December being day 3.
    expect(older!.textContent).toContain("Day 3");
  });
});
