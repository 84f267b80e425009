import { describe, expect, it } from "vitest";
import { DEMO_TEMPLATES } from "../../worker/seed/templates";

describe("demo onboarding templates", () => {
  it("are due no earlier than their tasks, milestone by milestone, in order", () => {
    for (const t of DEMO_TEMPLATES) {
      let previous = -Infinity;
      for (const m of t.milestones) {
        expect(m.tasks.length, `${t.name} / ${m.name}`).toBeGreaterThan(0);
        for (const task of m.tasks) expect(task.offsetDays, `${t.name} / ${m.name} / ${task.title}`).toBeLessThanOrEqual(m.offsetDays);
        expect(m.offsetDays, `${t.name} / ${m.name}`).toBeGreaterThan(previous);
        previous = m.offsetDays;
      }
    }
  });
});
