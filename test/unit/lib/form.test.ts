import { describe, expect, it } from "vitest";
import { FieldListSchema, validateFormData, type Field } from "../../../durable/lib/form";

const fields: Field[] = [
  { key: "kickoff_date", label: "Kickoff date", type: "date", required: true },
  { key: "goal", label: "Goal", type: "select", required: true, options: ["Speed", "Scale"] },
  { key: "teams", label: "Teams", type: "multiselect", options: ["Sales", "Support"] },
  { key: "contact", label: "Contact", type: "email" },
  { key: "seats", label: "Seats", type: "number" },
  { key: "sso", label: "Needs SSO", type: "checkbox" },
  { key: "notes", label: "Notes", type: "textarea" },
  { key: "owner", label: "Owner", type: "user" },
  { key: "name", label: "Name", type: "text" },
];

describe("validateFormData", () => {
  it("accepts and coerces a good submission, dropping unknown keys", () => {
    const result = validateFormData(fields, {
      kickoff_date: "2026-04-10",
      goal: "Speed",
      teams: ["Sales", "Sales"],
      contact: " it@acme.example.com ",
      seats: "25",
      sso: "on",
      notes: "  hi ",
      owner: "u1",
      name: 7,
      injected: "nope",
    });
    expect(result.ok).toBe(true);
    expect(result.value).toEqual({
      kickoff_date: "2026-04-10",
      goal: "Speed",
      teams: ["Sales"],
      contact: "it@acme.example.com",
      seats: 25,
      sso: true,
      notes: "hi",
      owner: "u1",
      name: "7",
    });
  });

  it("fills absent optional fields with null, [] and false", () => {
    const result = validateFormData(fields, { kickoff_date: "2026-04-10", goal: "Scale" });
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ teams: [], contact: null, seats: null, sso: false, notes: null });
  });

  it("reports required fields and wrong types by key", () => {
    const result = validateFormData(fields, { goal: "Other", teams: ["Marketing"], contact: "nope", seats: "many", sso: "maybe", kickoff_date: "2026-02-30" });
    expect(result.ok).toBe(false);
    const byPath = Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
    expect(Object.keys(byPath).sort()).toEqual(["contact", "goal", "kickoff_date", "seats", "sso", "teams"]);
    expect(byPath.goal).toMatch(/not one of the options/);
    expect(byPath.kickoff_date).toMatch(/date/);
    expect(validateFormData(fields, {}).errors.map((e) => e.path)).toEqual(["kickoff_date", "goal"]);
  });

  it("requires a required checkbox to be ticked", () => {
    const terms: Field[] = [{ key: "terms", label: "Terms", type: "checkbox", required: true }];
    expect(validateFormData(terms, { terms: false }).ok).toBe(false);
    expect(validateFormData(terms, {}).ok).toBe(false);
    expect(validateFormData(terms, { terms: true }).ok).toBe(true);
  });

  it("refuses a submission that is not an object", () => {
    expect(validateFormData(fields, "x").errors).toEqual([{ path: "", message: "Form data must be an object" }]);
    expect(validateFormData(fields, [1]).ok).toBe(false);
  });

  it("accepts full ISO date-times for date fields", () => {
    expect(validateFormData([{ key: "d", label: "D", type: "date" }], { d: "2026-04-10T09:00:00Z" }).ok).toBe(true);
  });
});

describe("FieldListSchema", () => {
  it("needs options for choice fields and unique keys", () => {
    const result = FieldListSchema.safeParse([
      { key: "a", label: "A", type: "select" },
      { key: "a", label: "A2", type: "text" },
      { key: "1bad", label: "B", type: "text" },
    ]);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(messages.some((m) => m.startsWith("0.options"))).toBe(true);
    expect(messages.some((m) => m.startsWith("2.key"))).toBe(true);
  });
});
