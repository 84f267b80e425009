import { describe, expect, it } from "vitest";
import { checkField, initialValues, isCalendarDay, localToday, toData, validateValues } from "../../web/components/task-form";
import type { QueueField } from "../../web/lib/api-types";

const fields: QueueField[] = [
  { key: "kickoffDate", label: "Kickoff date", type: "date", required: true },
  { key: "goal", label: "Goal", type: "select", required: true, options: ["Speed", "Scale"] },
  { key: "contact", label: "Contact", type: "email" },
  { key: "seats", label: "Seats", type: "number" },
  { key: "modules", label: "Modules", type: "multiselect", options: ["Core", "API"] },
  { key: "sso", label: "Needs SSO", type: "checkbox" },
  { key: "terms", label: "Terms accepted", type: "checkbox", required: true },
  { key: "notes", label: "Notes", type: "textarea" },
];

describe("task form values", () => {
  it("starts empty, or from a review field's current value", () => {
    expect(initialValues(fields)).toEqual({ kickoffDate: "", goal: "", contact: "", seats: "", modules: [], sso: false, terms: false, notes: "" });
    const review: QueueField[] = [
      { key: "deal.arr", label: "deal.arr", type: "number", value: 120000 },
      { key: "deal.segment", label: "deal.segment", type: "text", value: null },
      { key: "deal.flag", label: "deal.flag", type: "checkbox", value: true },
    ];
    expect(initialValues(review)).toEqual({ "deal.arr": "120000", "deal.segment": "", "deal.flag": true });
  });

  it("checks required fields, e-mail, number, real dates, options and required ticks like the server", () => {
    const errors = validateValues(fields, { ...initialValues(fields), contact: "nope", seats: "12a", kickoffDate: "2026-02-30", modules: ["Core", "Bogus"] });
    expect(errors).toEqual({
      kickoffDate: "Kickoff date must be a date (YYYY-MM-DD)",
      goal: "Goal is required",
      contact: "Contact must be an e-mail address",
      seats: "Seats must be a number",
      modules: "Not among the options: Bogus",
      terms: "Terms accepted must be ticked",
    });
    expect(isCalendarDay("2026-02-28")).toBe(true);
    expect(isCalendarDay("28/02/2026")).toBe(false);
  });

  it("sends typed values: numbers as numbers, empty optional fields as null, lists and flags as they are", () => {
    const values = { ...initialValues(fields), kickoffDate: "2026-04-01", goal: "Scale", seats: " 25 ", modules: ["API"], terms: true, notes: "  hi  " };
    expect(validateValues(fields, values)).toEqual({});
    expect(toData(fields, values)).toEqual({ kickoffDate: "2026-04-01", goal: "Scale", contact: null, seats: 25, modules: ["API"], sso: false, terms: true, notes: "hi" });
  });

  it("sends only corrected fields of a review", () => {
    const review: QueueField[] = [
      { key: "deal.arr", label: "ARR", type: "number", value: 120000 },
      { key: "deal.segment", label: "Segment", type: "text", value: null },
      { key: "deal.name", label: "Name", type: "text", value: "Acme" },
    ];
    const v = initialValues(review);
    expect(toData(review, v, { onlyChanged: true })).toEqual({});
    expect(toData(review, { ...v, "deal.arr": "99000", "deal.name": "" }, { onlyChanged: true })).toEqual({ "deal.arr": 99000, "deal.name": "" });
  });

  it("refuses a past day for a notBefore: today field on the viewer's own calendar, and text over its limit", () => {
    const kickoff: QueueField = { key: "k", label: "Kickoff date", type: "date", notBefore: "today" };
    expect(localToday(new Date(2026, 11, 4, 23, 30))).toBe("2026-12-04");
    expect(checkField(kickoff, "2026-12-03", "2026-12-04")).toBe("Kickoff date can't be in the past: choose today or a later day");
    expect(checkField(kickoff, "2026-12-04", "2026-12-04")).toBeNull();
    expect(checkField({ ...kickoff, notBefore: undefined }, "2020-01-01", "2026-12-04")).toBeNull();
    const name: QueueField = { key: "n", label: "Name", type: "text" };
    expect(checkField(name, "n".repeat(500))).toBeNull();
    expect(checkField(name, "n".repeat(501))).toBe("Name must be at most 500 characters");
    expect(checkField({ key: "t", label: "Notes", type: "textarea", maxLength: 1200 }, "x".repeat(1201))).toBe("Notes must be at most 1,200 characters");
  });
});
