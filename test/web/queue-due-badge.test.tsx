import { render, screen } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { DueBadge, dueLabel, dueState } from "../../web/components/due-badge";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const inHours = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

describe("due badges", () => {
  it("says overdue past the due time, due soon within 24 hours, and nothing without a due time", () => {
    expect(dueState(inHours(-0.01), NOW)).toBe("overdue");
    expect(dueState(inHours(0), NOW)).toBe("overdue");
    expect(dueState(inHours(23.9), NOW)).toBe("soon");
    expect(dueState(inHours(24), NOW)).toBe("later");
    expect(dueState(null, NOW)).toBeNull();
    expect(dueState("not a date", NOW)).toBeNull();
  });

  it("words the badge for the time left or overdue", () => {
    expect(dueLabel(inHours(-3), NOW)?.text).toBe("Overdue 3 h");
    expect(dueLabel(inHours(-50), NOW)?.text).toBe("Overdue 2 d");
    expect(dueLabel(inHours(5), NOW)?.text).toBe("Due in 5 h");
    expect(dueLabel(inHours(0.5), NOW)?.text).toBe("Due in 30 min");
    expect(dueLabel(inHours(72), NOW)?.text).toMatch(/^Due /);
    expect(dueLabel(inHours(72), NOW)?.state).toBe("later");
  });

  it("renders red when overdue and amber when due soon, with the full time for screen readers", () => {
    const { container, rerender } = render(<DueBadge dueAt={inHours(-1)} now={NOW} />);
    expect(container.querySelector(".badge--danger")?.textContent).toContain("Overdue 1 h");
    expect(screen.getByText(/Overdue since/)).toBeTruthy();
    rerender(<DueBadge dueAt={inHours(2)} now={NOW} />);
    expect(container.querySelector(".badge--warning")?.textContent).toContain("Due in 2 h");
    rerender(<DueBadge dueAt={inHours(100)} now={NOW} />);
    expect(container.querySelector(".badge--neutral")).toBeTruthy();
    rerender(<DueBadge dueAt={null} now={NOW} />);
    expect(container.textContent).toBe("");
  });
});
